@echo off
rem The `sigap` command of the installed app, without Node: Sigap.exe in its command-line mode
rem (no window). A batch file waits for Sigap.exe, so the exit code and the output come back here.
setlocal
rem Sigap.exe writes to this console only if it may attach to it.
set "ELECTRON_NO_ATTACH_CONSOLE="
"%~dp0Sigap.exe" --cli %*
exit /b %ERRORLEVEL%

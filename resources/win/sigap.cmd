@echo off
rem The `sigap` command of the installed app, without Node: Sigap.exe in its command-line mode
rem (no window). A batch file waits for Sigap.exe, so the exit code and the output come back here.
"%~dp0Sigap.exe" --cli %*
exit /b %ERRORLEVEL%

@echo off
rem Sigap's server (`sigap serve`) as a Windows service, with NSSM (https://nssm.cc, 2.24 or newer).
rem Run once in a console "Run as administrator", after editing the values below; step by step in
rem README.md, "Several offices: `sigap serve`". Its key settings are checked by
rem test/unit/server-service.test.ts. Paths here must not contain spaces.
setlocal

rem Where nssm.exe, Node.js and the Sigap checkout (npm ci, npm run build:web) are.
set "NSSM=C:\nssm\win64\nssm.exe"
set "NODE=C:\nodejs\node.exe"
set "SIGAP=C:\sigap"
rem The service's own folder: its certificate (made once, kept), its logs.
set "DATA=C:\ProgramData\Sigap"
rem The database: a PostgreSQL URL (README.md "PostgreSQL"), or a SQLite file such as C:\ProgramData\Sigap\sigap.db.
set "SIGAP_DB=postgres://sigap_app@dbserver:5432/sigap"
set "PGPASSWORD=ganti-sandi-aplikasi"
rem The Windows account it runs as: a local user made for it (net user sigap ... /add), not an administrator.
set "ACCOUNT=.\sigap"
set "ACCOUNT_PASSWORD=ganti-sandi-akun"

mkdir "%DATA%\logs" 2>nul
rem Only the service's account (and administrators) may read the certificate's key and the log.
icacls "%DATA%" /inheritance:r /grant:r "Administrators:(OI)(CI)F" "SYSTEM:(OI)(CI)F" "%ACCOUNT:.\=%:(OI)(CI)M"

"%NSSM%" install Sigap "%NODE%"
"%NSSM%" set Sigap AppParameters "%SIGAP%\electron\cli\bin.js serve --host 0.0.0.0 --port 8443 --log %DATA%\logs\sigap-server.log"
"%NSSM%" set Sigap AppDirectory "%SIGAP%"
"%NSSM%" set Sigap DisplayName "Sigap server"
"%NSSM%" set Sigap Description "sigap serve: Sigap untuk kantor-kantor Pemda melalui HTTPS"
"%NSSM%" set Sigap Start SERVICE_AUTO_START
rem APPDATA: a server on PostgreSQL keeps its certificate in %APPDATA%\Sigap, here C:\ProgramData\Sigap.
"%NSSM%" set Sigap AppEnvironmentExtra "SIGAP_DB=%SIGAP_DB%" "PGPASSWORD=%PGPASSWORD%" "APPDATA=C:\ProgramData"
"%NSSM%" set Sigap ObjectName "%ACCOUNT%" "%ACCOUNT_PASSWORD%"
rem Stopping: Ctrl+C first (Node's SIGINT: sigap serve lets running calls finish, at most 5 minutes,
rem STOP_WAIT_MS), waited for a little longer than that; only then the window, the threads, the kill.
"%NSSM%" set Sigap AppStopMethodSkip 0
"%NSSM%" set Sigap AppStopMethodConsole 330000
"%NSSM%" set Sigap AppStopMethodWindow 2000
"%NSSM%" set Sigap AppStopMethodThreads 2000
"%NSSM%" set Sigap AppKillProcessTree 1
rem A crash starts it again after 5 s; an exit with code 0 (a stop it was asked for) does not.
"%NSSM%" set Sigap AppExit Default Restart
"%NSSM%" set Sigap AppExit 0 Exit
"%NSSM%" set Sigap AppRestartDelay 5000
rem What sigap serve prints (the address, the fingerprint, a failure to start), rotated at 1 MB.
"%NSSM%" set Sigap AppStdout "%DATA%\logs\sigap-service.log"
"%NSSM%" set Sigap AppStderr "%DATA%\logs\sigap-service.log"
"%NSSM%" set Sigap AppRotateFiles 1
"%NSSM%" set Sigap AppRotateOnline 1
"%NSSM%" set Sigap AppRotateBytes 1048576

netsh advfirewall firewall add rule name="Sigap server" dir=in action=allow protocol=TCP localport=8443
"%NSSM%" start Sigap
endlocal

@echo off
rem Start meldcode in Windows Terminal when it is there (it draws the app well); else here.
where wt.exe >nul 2>nul
if %errorlevel%==0 (
  start "" wt.exe "%~dp0meldcode.exe" %*
) else (
  "%~dp0meldcode.exe" %*
)

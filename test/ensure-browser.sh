#!/usr/bin/env bash
# Makes sure the tests have a Chromium, the PDF tools, LibreOffice and PostgreSQL's server binaries. On Debian as root it installs
# them from Debian's packages (Playwright's own browser download is not used); elsewhere it says what
# to install. CHROMIUM_PATH points the tests at another Chromium.
set -euo pipefail
need=()
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || need+=(chromium)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-calc) # problems-file.test.ts opens the workbook with LibreOffice
# The store tests run on a real PostgreSQL cluster of their own (test/pg/cluster.ts): the server binaries.
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing ${need[*]} from Debian's packages..." >&2
  export DEBIAN_FRONTEND=noninteractive
  # Another install (unattended upgrades, a second terminal) may hold dpkg's lock: wait for it
  # (up to 10 minutes) instead of failing the test run.
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${need[@]}" >/dev/null
else
  echo "Please install: ${need[*]} (Debian/Ubuntu: sudo apt-get install ${need[*]}), or set CHROMIUM_PATH." >&2
  exit 1
fi

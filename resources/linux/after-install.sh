#!/bin/bash
# Sigap's deb post-install: electron-builder's own steps (chrome-sandbox, desktop database, AppArmor
# profile), except that /usr/bin/sigap is the `sigap` command (resources/sigap, the app in --cli mode),
# not the window: the menu entry starts the window from /opt/Sigap/sigap directly.

# A link to the window left by an earlier package goes; then /usr/bin/sigap is the command.
if type update-alternatives >/dev/null 2>&1; then
    update-alternatives --remove 'sigap' '/opt/Sigap/sigap' >/dev/null 2>&1 || true
fi
ln -sf '/opt/Sigap/resources/sigap' '/usr/bin/sigap'

# Check if user namespaces are supported by the kernel and working with a quick test:
if ! { [[ -L /proc/self/ns/user ]] && unshare --user true; }; then
    # Use SUID chrome-sandbox only on systems without user namespaces:
    chmod 4755 '/opt/Sigap/chrome-sandbox' || true
else
    chmod 0755 '/opt/Sigap/chrome-sandbox' || true
fi

if hash update-mime-database 2>/dev/null; then
    update-mime-database /usr/share/mime || true
fi

if hash update-desktop-database 2>/dev/null; then
    update-desktop-database /usr/share/applications || true
fi

# AppArmor profile (Ubuntu 24+), as electron-builder installs it.
if apparmor_status --enabled > /dev/null 2>&1; then
  APPARMOR_PROFILE_SOURCE='/opt/Sigap/resources/apparmor-profile'
  APPARMOR_PROFILE_TARGET='/etc/apparmor.d/sigap'
  if apparmor_parser --skip-kernel-load --debug "$APPARMOR_PROFILE_SOURCE" > /dev/null 2>&1; then
    cp -f "$APPARMOR_PROFILE_SOURCE" "$APPARMOR_PROFILE_TARGET"
    if ! { [ -x '/usr/bin/ischroot' ] && /usr/bin/ischroot; } && hash apparmor_parser 2>/dev/null; then
      apparmor_parser --replace --write-cache --skip-read-cache "$APPARMOR_PROFILE_TARGET"
    fi
  else
    echo "Skipping the installation of the AppArmor profile as this version of AppArmor does not seem to support the bundled profile"
  fi
fi

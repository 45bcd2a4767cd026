#!/bin/bash
# Sigap's deb post-remove: the `sigap` command's link and the AppArmor profile go with the app.
rm -f '/usr/bin/sigap'
if [ -f /etc/apparmor.d/sigap ]; then
  if apparmor_status --enabled > /dev/null 2>&1; then
    if ! { [ -x '/usr/bin/ischroot' ] && /usr/bin/ischroot; } && hash apparmor_parser 2>/dev/null; then
      apparmor_parser --remove /etc/apparmor.d/sigap || true
    fi
  fi
  rm -f /etc/apparmor.d/sigap
fi

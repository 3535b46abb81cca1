#!/bin/sh
# DeskDial's postinst (electron-builder.json deb.afterInstall), in place of electron-builder's own:
# the same work, with every error stopping the install (lintian-clean). It puts the deskdial
# command on PATH, makes chrome-sandbox setuid only where user namespaces are unavailable,
# refreshes the MIME and desktop databases (tel:, sip: and callto: come from the .desktop file's
# MimeType), and installs the AppArmor profile where AppArmor supports it (Ubuntu 24.04 and later).
# No "${...}" here: electron-builder reads this file as a template and refuses unknown macros.
set -e

app=/opt/DeskDial

case "$1" in
  configure | abort-upgrade | abort-remove | abort-deconfigure)
    # A plain symlink, not an alternative: nothing else provides deskdial. One an administrator
    # put there themselves (a file, not a symlink) is left alone.
    if [ ! -e /usr/bin/deskdial ] || [ -L /usr/bin/deskdial ]; then
      ln -sfn "$app/deskdial" /usr/bin/deskdial
    fi

    if [ -e "$app/chrome-sandbox" ]; then
      if [ -L /proc/self/ns/user ] && unshare --user true 2>/dev/null; then
        chmod 0755 "$app/chrome-sandbox"
      else
        # Without user namespaces, Chromium's sandbox needs its helper setuid root.
        chmod 4755 "$app/chrome-sandbox"
      fi
    fi

    if command -v update-mime-database >/dev/null 2>&1; then
      update-mime-database /usr/share/mime
    fi
    if command -v update-desktop-database >/dev/null 2>&1; then
      update-desktop-database -q /usr/share/applications
    fi

    profile="$app/resources/apparmor-profile"
    if [ -e "$profile" ] && command -v apparmor_parser >/dev/null 2>&1 &&
      apparmor_parser --skip-kernel-load --debug "$profile" >/dev/null 2>&1; then
      cp -f "$profile" /etc/apparmor.d/deskdial
      # Loading it now makes no sense in a chroot (e.g. while an image for desktops is built).
      if ! ischroot && aa-enabled --quiet 2>/dev/null; then
        apparmor_parser --replace --write-cache --skip-read-cache /etc/apparmor.d/deskdial ||
          echo "DeskDial's AppArmor profile could not be loaded now; AppArmor loads it at the next start." >&2
      fi
    fi
    ;;
  *) ;;
esac

exit 0

#!/bin/sh
# DeskDial's postrm (electron-builder.json deb.afterRemove), in place of electron-builder's own:
# on remove and purge it deletes the /usr/bin/deskdial symlink the postinst made and DeskDial's
# AppArmor profile (unloading it first, except in a chroot). On upgrade it leaves both: the new
# version's postinst keeps them. The desktop and MIME databases are refreshed by their packages'
# dpkg triggers once deskdial.desktop is gone.
# No "${...}" here: electron-builder reads this file as a template and refuses unknown macros.
set -e

case "$1" in
  remove | purge)
    if [ -L /usr/bin/deskdial ] && [ "$(readlink /usr/bin/deskdial)" = /opt/DeskDial/deskdial ]; then
      rm -f /usr/bin/deskdial
    fi

    if [ -f /etc/apparmor.d/deskdial ]; then
      if ! ischroot && command -v apparmor_parser >/dev/null 2>&1 && aa-enabled --quiet 2>/dev/null; then
        apparmor_parser --remove /etc/apparmor.d/deskdial || true
      fi
      rm -f /etc/apparmor.d/deskdial
    fi
    ;;
  *) ;;
esac

exit 0

#!/usr/bin/env bash
# Builds the busybox image's root filesystem in ROOTFS (an empty folder).
#
# The binary comes from Debian's busybox-static package, downloaded with `apt-get download` and
# unpacked; when that is not possible (no network, no apt), a static busybox already on the host is
# used. A static binary needs no shared libraries, so the whole image is one file plus symlinks.
# BANTUBOX_NO_DOWNLOAD=1 skips the download and uses the host's static busybox only.
set -euo pipefail
rootfs=${1:?usage: build.sh ROOTFS}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

find_busybox() {
  if [ "${BANTUBOX_NO_DOWNLOAD:-0}" != 1 ] && command -v apt-get >/dev/null \
    && (cd "$work" && apt-get download busybox-static >"$work/apt.log" 2>&1); then
    dpkg-deb -x "$work"/busybox-static_*.deb "$work/package"
    echo "$work/package/bin/busybox"
    # The file name escapes the version's epoch colon as %3a; dpkg-deb reads the real fields.
    echo "source: Debian package $(dpkg-deb --showformat='${Package} ${Version} (${Architecture})' \
      --show "$work"/busybox-static_*.deb)" >&2
    return
  fi
  local candidate
  for candidate in "$(command -v busybox || true)" /bin/busybox /usr/bin/busybox; do
    # ldd prints "not a dynamic executable" and fails for a static binary.
    if [ -x "$candidate" ] && ! ldd "$candidate" >/dev/null 2>&1; then
      echo "$candidate"
      echo "source: static busybox on the host at $candidate" >&2
      return
    fi
  done
  echo "no busybox: 'apt-get download busybox-static' failed ($(tail -n 1 "$work/apt.log" 2>/dev/null))" \
    "and the host has no static busybox; install one with 'apt-get install busybox-static'" >&2
  exit 3
}

busybox=$(find_busybox)
mkdir -p "$rootfs"/{bin,sbin,usr/bin,usr/sbin,etc,proc,sys,dev,tmp,root,run,var/log,home,mnt}
chmod 1777 "$rootfs/tmp"
chmod 0700 "$rootfs/root"
install -m 0755 "$busybox" "$rootfs/bin/busybox"

# One symlink per applet, at the path busybox itself reports (bin/ls, sbin/ip, usr/bin/awk, ...).
"$rootfs/bin/busybox" --list-full | while read -r applet; do
  [ "$applet" = bin/busybox ] && continue
  ln -sf /bin/busybox "$rootfs/$applet"
done

cat >"$rootfs/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/bin/sh
nobody:x:65534:65534:nobody:/nonexistent:/bin/false
PASSWD
cat >"$rootfs/etc/group" <<'GROUP'
root:x:0:
tty:x:5:
nogroup:x:65534:
GROUP
echo "busybox $("$rootfs/bin/busybox" | head -n 1 | awk '{print $2}')" >"$rootfs/etc/bantubox-image"

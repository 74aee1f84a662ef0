#!/usr/bin/env bash
# Builds the starter image's root filesystem in ROOTFS from programs already on the host, with the
# shared libraries each one needs (as ldd lists them). It needs no download, so BantuBox also works
# on a machine that cannot fetch busybox.
set -euo pipefail
rootfs=${1:?usage: build.sh ROOTFS}
programs=(sh bash ls cat ps hostname ip mount umount sleep id echo true false env mkdir rm touch grep
  uname readlink stat head tail wc sed kill date chmod ln cp mv dd nproc)

mkdir -p "$rootfs"/{bin,etc,proc,sys,dev,tmp,root}
chmod 1777 "$rootfs/tmp"

copy_with_parents() {
  local file=$1
  mkdir -p "$rootfs$(dirname "$file")"
  cp -L --preserve=mode "$file" "$rootfs$file"
}

copied=()
for program in "${programs[@]}"; do
  path=$(type -P "$program" 2>/dev/null || true)
  case "$path" in /*) ;; *) continue ;; esac
  cp -L --preserve=mode "$path" "$rootfs/bin/$program"
  copied+=("$program")
  # ldd lines look like "libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x...)" or "/lib64/ld-linux-x86-64.so.2 (0x...)".
  for library in $(ldd "$path" 2>/dev/null | grep -o '/[^ ]*'); do
    [ -e "$rootfs$library" ] || copy_with_parents "$library"
  done
done

if [ ! -x "$rootfs/bin/sh" ]; then
  echo "the host has no /bin/sh to copy; the starter image needs a shell" >&2
  exit 3
fi
# Programs look for libraries and the shell in the usual places.
for dir in usr/bin sbin usr/sbin; do
  mkdir -p "$rootfs/$(dirname "$dir")"
  [ -e "$rootfs/$dir" ] || ln -s /bin "$rootfs/$dir"
done
echo 'root:x:0:0:root:/root:/bin/sh' >"$rootfs/etc/passwd"
echo 'root:x:0:' >"$rootfs/etc/group"
echo "starter: ${copied[*]}" >"$rootfs/etc/bantubox-image"

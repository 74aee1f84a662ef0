#!/usr/bin/env bash
# Builds a Debian or Ubuntu root filesystem with `debootstrap --variant=minbase` (essential packages
# and apt only) and packs it with tar at ARCHIVE. The engine then imports that archive like any other,
# so the image gets the same checks, and the device nodes debootstrap made are left out.
#
# Settings, read from the environment:
#   BANTUBOX_DISTRIBUTION  debian (default) or ubuntu
#   BANTUBOX_SUITE         the release; debian: the host's own release on a Debian host, else bookworm;
#                          ubuntu: jammy
#   BANTUBOX_MIRROR        the package mirror; default http://deb.debian.org/debian for debian and
#                          http://archive.ubuntu.com/ubuntu for ubuntu
set -euo pipefail
rootfs=${1:?usage: build.sh ROOTFS ARCHIVE}
archive=${2:?usage: build.sh ROOTFS ARCHIVE}
[ -d "$rootfs" ] || { echo "root folder $rootfs does not exist" >&2; exit 2; }

distribution=${BANTUBOX_DISTRIBUTION:-debian}
case "$distribution" in
  debian)
    keyring=/usr/share/keyrings/debian-archive-keyring.gpg
    keyring_package=debian-archive-keyring
    default_mirror=http://deb.debian.org/debian
    # A subshell keeps the variables of os-release (NAME, ID, ...) out of this script.
    default_suite=$( (. /etc/os-release 2>/dev/null && [ "${ID:-}" = debian ] && echo "${VERSION_CODENAME:-}") || true)
    default_suite=${default_suite:-bookworm}
    ;;
  ubuntu)
    # NOTE: this branch has been run only as far as the keyring check, never against an Ubuntu mirror.
    keyring=/usr/share/keyrings/ubuntu-archive-keyring.gpg
    keyring_package=ubuntu-keyring
    default_mirror=http://archive.ubuntu.com/ubuntu
    default_suite=jammy
    ;;
  *)
    echo "unknown distribution '$distribution': the debootstrap recipe builds debian or ubuntu" >&2
    exit 2
    ;;
esac
suite=${BANTUBOX_SUITE:-$default_suite}
mirror=${BANTUBOX_MIRROR:-$default_mirror}

if [ "$(id -u)" -ne 0 ]; then
  echo "debootstrap installs packages as root inside the new tree: run the build with sudo" >&2
  exit 3
fi
if ! command -v debootstrap >/dev/null; then
  echo "debootstrap is missing: install it with 'apt-get install debootstrap'" >&2
  exit 3
fi
if [ ! -r "$keyring" ]; then
  echo "the $distribution archive keyring $keyring is missing, so debootstrap cannot check the packages'" \
    "signatures: install it with 'apt-get install $keyring_package'" >&2
  exit 3
fi
if [ ! -e "/usr/share/debootstrap/scripts/$suite" ]; then
  echo "debootstrap $(debootstrap --version | awk '{print $2}') does not know the suite '$suite':" \
    "choose another with --suite, or update debootstrap" >&2
  exit 3
fi

# The tree is made next to ARCHIVE, on the image store's file system, not in a possibly small /tmp.
work=$(mktemp -d -p "$(dirname "$archive")" debootstrap.XXXXXX)
cleanup() {
  # debootstrap mounts /proc and /sys inside the tree while it installs, and a failed run can leave them
  # mounted. Unmount them, deepest first, so that rm cannot reach into them.
  awk -v prefix="$work/" 'index($5, prefix) == 1 { print $5 }' /proc/self/mountinfo | sort -r |
    while read -r mount; do umount -l "$mount" || true; done
  rm -rf --one-file-system "$work"
}
trap cleanup EXIT

echo "debootstrap --variant=minbase $suite into a temporary tree, packages from $mirror"
debootstrap --variant=minbase --keyring="$keyring" "$suite" "$work/tree" "$mirror"
# --one-file-system leaves out anything still mounted in the tree; --numeric-owner keeps the ids of the
# tree, which the image's own /etc/passwd names, whatever names this host gives them.
tar --one-file-system --numeric-owner -C "$work/tree" -cf "$archive" .
echo "packed $(du -sh "$archive" | cut -f1) into $(basename "$archive")"
echo "source: debootstrap $(debootstrap --version | awk '{print $2}') --variant=minbase $suite ($distribution) from $mirror"

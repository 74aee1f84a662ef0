#!/usr/bin/env bash
# Compiles libbantubox, bantubox-shim, bantubox-init and the lesson tools (tools/) into
# OUTPUT_DIR/native/linux-ARCH/, where ARCH is what `uname -m` prints (x86_64, aarch64). The engine finds
# them there on the class path.
set -euo pipefail
output_dir=${1:?usage: build.sh OUTPUT_DIR}
source_dir="$(cd "$(dirname "$0")" && pwd)/src/main/c"
target="$output_dir/native/linux-$(uname -m)"
mkdir -p "$target"

if ! command -v gcc >/dev/null; then
  echo "gcc not found: install it with 'apt-get install gcc'" >&2
  exit 1
fi

cflags=(-std=gnu11 -O2 -Wall -Wextra -Werror -D_GNU_SOURCE -fno-strict-aliasing)
# -z now resolves every symbol at load time: a child that shares the JVM's memory must not run the
# lazy-binding resolver, which writes to shared tables.
gcc "${cflags[@]}" -fPIC -shared -Wl,-z,now -o "$target/libbantubox.so" \
  "$source_dir/launcher.c" "$source_dir/plan.c" "$source_dir/steps.c" "$source_dir/journal.c" \
  "$source_dir/pty.c" "$source_dir/process.c"
gcc "${cflags[@]}" -o "$target/bantubox-shim" \
  "$source_dir/shim.c" "$source_dir/plan.c" "$source_dir/steps.c" "$source_dir/journal.c"
# The init runs inside the container's root, where the image may have no C library: link it statically.
if ! gcc "${cflags[@]}" -static -o "$target/bantubox-init" "$source_dir/init.c"; then
  echo "static linking of bantubox-init failed: libc.a comes with 'apt-get install libc6-dev'" >&2
  exit 1
fi

# Small static programs that lessons copy into containers; static, so they need no library from the
# image they run in.
mkdir -p "$target/tools"
gcc "${cflags[@]}" -static -o "$target/tools/chroot-escape" "$source_dir/tools/chroot_escape.c"
gcc "${cflags[@]}" -static -o "$target/tools/shm-create" "$source_dir/tools/shm_create.c"

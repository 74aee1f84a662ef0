#!/usr/bin/env bash
# Benchmarks the terminal view on the FX thread: one full paint of 120x40 cells, and the longest
# FX-thread stall while 20 terminals are redrawn every second or every 20 ms. Starts Xvfb when there
# is no display.
# Usage: scripts/benchmark-terminal.sh [PAINTS]
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
cd "$root"
./mvnw -q -B -DskipTests package
command=(java -cp "gui/target/bantubox-gui-0.1.0-SNAPSHOT.jar:gui/target/lib/*"
  dev.bantubox.gui.terminal.TerminalPaintBenchmark "$@")
if [[ -n "${DISPLAY:-}" ]]; then
  exec "${command[@]}"
fi
exec xvfb-run -a -s "-screen 0 1600x1000x24" "${command[@]}"

#!/usr/bin/env bash
# Benchmarks the terminal view on the FX thread: one full paint of 120x40 cells, and the longest
# FX-thread stall while 20 terminals are redrawn every second or every 20 ms. Starts Xvfb when there
# is no display.
# Usage: scripts/benchmark-terminal.sh [PAINTS]
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
exec "$root/scripts/run-in-window.sh" dev.bantubox.gui.terminal.TerminalPaintBenchmark "$@"

#!/usr/bin/env bash
# Benchmarks lesson mode in a real window: Run pressed to journal shown, and the longest FX-thread
# stall, over every lesson's first experiment. Needs root (it runs real containers); starts Xvfb when
# there is no display. Usage: sudo scripts/benchmark-lesson-mode.sh [ROUNDS]
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
if [[ $(id -u) -ne 0 ]]; then
  echo "benchmark-lesson-mode: the benchmark runs real containers, which needs root: sudo $0" >&2
  exit 1
fi
exec "$root/scripts/run-in-window.sh" dev.bantubox.gui.bench.LessonBenchmark "$@"

#!/usr/bin/env bash
# Benchmarks the sandbox window in a real window with CONTAINERS running containers (default 20): the
# table's update period and the longest FX-thread stall over SECONDS seconds (default 30). Needs root,
# because it runs real containers, and starts Xvfb when there is no display. The containers have no network.
# Usage: sudo scripts/benchmark-sandbox.sh [CONTAINERS [SECONDS]]
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
if [[ $(id -u) -ne 0 ]]; then
  echo "benchmark-sandbox: the benchmark runs real containers, which needs root: sudo $0" >&2
  exit 1
fi
exec "$root/scripts/run-in-window.sh" dev.bantubox.gui.bench.SandboxBenchmark "$@"

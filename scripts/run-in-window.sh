#!/usr/bin/env bash
# Builds the project, then runs the app module's Java class CLASS with ARGS in a window: on the
# display when there is one, else under Xvfb. The benchmark scripts share it.
# Usage: scripts/run-in-window.sh CLASS [ARGS...]
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
main_class=${1:?usage: run-in-window.sh CLASS [ARGS...]}
shift
cd "$root"
./mvnw -q -B -DskipTests package
command=(java -Dbantubox.lessons="$root/lessons" -cp "gui/target/bantubox-gui-0.1.0-SNAPSHOT.jar:gui/target/lib/*"
  "$main_class" "$@")
if [[ -n "${DISPLAY:-}" ]]; then
  exec "${command[@]}"
fi
exec xvfb-run -a -s "-screen 0 1600x1000x24" "${command[@]}"

#!/usr/bin/env bash
# Runs every benchmark binary in the build folder, then prints the goal figures together.
set -euo pipefail
build=${1:-build}
log=$(mktemp)
trap 'rm -f "$log"' EXIT
for b in "$build"/*_bench; do
  [ -x "$b" ] || continue
  echo "== $(basename "$b")"
  "$b" --benchmark_min_time=0.2 | tee -a "$log"
  echo
done
echo "== Goals (figure, goal, ratio)"
grep '^GOAL' "$log" || echo "(no goal lines)"

#!/usr/bin/env bash
# Runs each libFuzzer target for N seconds from its seed corpus; fails if any target finds a crash.
set -euo pipefail
build=${1:-build-fuzz}
seconds=${2:-60}
root=$(cd "$(dirname "$0")/.." && pwd)
status=0
for f in "$build"/*_fuzz; do
  [ -x "$f" ] || continue
  name=$(basename "$f" _fuzz)
  corpus="$root/fuzz/corpus/$name"
  mkdir -p "$corpus"
  seeds=()
  [ -d "$root/fuzz/corpus-seeds/$name" ] && seeds+=("$root/fuzz/corpus-seeds/$name")
  echo "== $name: ${seconds}s"
  if ! "$f" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix="$build/${name}-" "$corpus" "${seeds[@]}" 2>"$build/$name.log"; then
    echo "FINDING in $name (see $build/$name.log)"; tail -n 30 "$build/$name.log"; status=1
  else
    grep -E '^#[0-9]+.*DONE|Done [0-9]+ runs' "$build/$name.log" | tail -n 1 || true
  fi
done
exit $status

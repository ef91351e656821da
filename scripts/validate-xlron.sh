#!/usr/bin/env bash
# `make validate`: XLRON's published NSFNET KSP-FF table (micdoh/XLRON pull request #46) against
# `lightmesh simulate` on the same setup: the directed DeepRMSA NSFNET, 100 slots of 12.5 GHz,
# guard 1, the DeepRMSA modulation table, 25–100 Gb/s, mean holding 20 truncated below 40, a
# 3,000-request warm-up, k = 5 with XLRON's exact path set, 50 replications × 40,000 requests.
# The topology, modulation table and path set come from the shared reference data beside the
# clone; without it the check is skipped with a message. Goal: each point within ±7 %.
set -euo pipefail
build=${1:-build}
ref=""
for d in "${LIGHTMESH_SHARED_DATA:-}" ../shared/data ../../shared/data; do
  if [ -n "$d" ] && [ -f "$d/topologies/reference/nsfnet_deeprmsa_directed_k5_spectral_resources_paths.json" ]; then
    ref="$d/topologies/reference"
    break
  fi
done
if [ -z "$ref" ]; then
  echo "validate: no shared reference data (../shared/data/topologies/reference); skipped"
  exit 0
fi
out=$(mktemp)
trap 'rm -f "$out"' EXIT
echo "uptime: $(uptime)"
set -x
"$build/lightmesh" simulate "$ref/nsfnet_deeprmsa_directed.json" --directed --slots 100 \
  --slot-ghz 12.5 --guard 1 --modulations "$ref/modulations_deeprmsa.csv" \
  --paths "$ref/nsfnet_deeprmsa_directed_k5_spectral_resources_paths.json" --k 5 --policy ksp-ff \
  --bitrate 25-100 --holding-mean 20 --truncate-holding --warmup 3000 --requests 40000 \
  --replications 50 --seed 42 --load 190,210,230,250,270 --format json -o "$out"
set +x
python3 - "$out" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
published = {190: 2.12e-3, 210: 6.24e-3, 230: 1.40e-2, 250: 2.52e-2, 270: 3.93e-2}
print(f"{'load (E)':>8}  {'lightmesh':>10}  {'± 95 % CI':>9}  {'XLRON PR #46':>12}  {'difference':>10}  goal ±7 %")
worst = 0.0
for p in doc["points"]:
    ref = published[int(p["load"])]
    m, ci = p["service_blocking"]["mean"], p["service_blocking"]["ci95"]
    diff = m / ref - 1
    worst = max(worst, abs(diff))
    print(f"{p['load']:>8g}  {m:>10.3e}  {ci:>9.1e}  {ref:>12.2e}  {diff:>+10.1%}  {'ok' if abs(diff) <= 0.07 else 'MISSED'}")
print(f"GOAL  XLRON NSFNET KSP-FF table, worst relative difference: {worst:.1%} (goal ≤ 7 %) {'ok' if worst <= 0.07 else 'MISSED'}")
print(f"requests per second over the run: {doc['requests_per_second']:.3g}")
# The seed is fixed, so the figures are too: a miss is a change in the simulator, not noise.
sys.exit(0 if worst <= 0.07 else 1)
PY

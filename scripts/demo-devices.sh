#!/usr/bin/env bash
# `make demo-devices [MODEL=openconfig]`: emulated devices for the London example (lightmesh-devsim;
# OpenROADM 2.2.1 unless MODEL says openconfig) and a controller that drives them (lightmesh serve
# --devices), until Ctrl-C. Creating a service then configures every device on its path
# (docs/southbound.md).
set -euo pipefail
build=${1:-build}
port=${DEVSIM_BASE_PORT:-17830}
listen=${LISTEN:-127.0.0.1:8080}
model=${MODEL:-openroadm-2.2.1}
export LIGHTMESH_DEVICE_PASSWORD=${LIGHTMESH_DEVICE_PASSWORD:-lightmesh-demo}
dir=$(mktemp -d)
devsim_pid=""
cleanup() {
  [ -n "$devsim_pid" ] && kill "$devsim_pid" 2>/dev/null && wait "$devsim_pid" 2>/dev/null
  rm -rf "$dir"
}
trap cleanup EXIT INT TERM
"$build/lightmesh-devsim" examples/london/network.json --model "$model" --base-port "$port" \
  --inventory-out "$dir/devices.json" --control-dir "$dir/control" &
devsim_pid=$!
mkdir -p "$dir/control"
for _ in $(seq 300); do [ -f "$dir/devices.json" ] && break; sleep 0.1; done
[ -f "$dir/devices.json" ] || { echo "demo-devices: lightmesh-devsim did not start" >&2; exit 1; }
echo "demo-devices: fault files go in $dir/control/<node id> (docs/southbound.md)"
"$build/lightmesh" serve examples/london/network.json --db "$dir/london.db" --listen "$listen" \
  --devices "$dir/devices.json"

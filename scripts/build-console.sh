#!/usr/bin/env bash
# Builds the web console (web/) into BUILD/console, beside the lightmesh binary, which serves it at
# `/`. Dependencies come from the npm registry at the versions package-lock.json pins (`npm ci`),
# fetched again only when the lock file changes. Without npm the console is skipped with a note:
# the controller serves its API all the same.
set -euo pipefail
build="${1:-build}"
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$(mkdir -p "$build" && cd "$build" && pwd)/console"
if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
  echo "build-console: node and npm are missing, so the web console is not built (make deps installs them)" >&2
  exit 0
fi
cd "$root/web"
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
npm run --silent build -- "$out"

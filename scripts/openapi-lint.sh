#!/usr/bin/env bash
# Lints docs/api/openapi.yaml with Redocly's CLI (the npm registry's @redocly/cli, pinned),
# installed once under the build directory: structural errors fail, style warnings are printed.
# Usage: scripts/openapi-lint.sh [BUILD_DIR]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$(mkdir -p "${1:-$root/build}" && cd "${1:-$root/build}" && pwd)
if ! command -v npm >/dev/null 2>&1; then
  "$root/scripts/install-deps.sh" --npm
fi
prefix="$build/npm-tools"
redocly="$prefix/node_modules/.bin/redocly"
if [ ! -x "$redocly" ]; then
  echo "openapi-lint: installing @redocly/cli 2.77.0 under $prefix"
  npm install --prefix "$prefix" --no-audit --no-fund --silent @redocly/cli@2.77.0
fi
# The built-in "recommended" rules; Node's own end-of-life banner is not ours to show.
"$redocly" lint --format=summary "$root/docs/api/openapi.yaml" 2>&1 | grep -v '^ *║\|^ *╔\|^ *╚'
exit "${PIPESTATUS[0]}"

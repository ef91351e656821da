#!/usr/bin/env bash
# Installs the Debian packages lightmesh builds with, if any are missing. Safe to run again.
# postgresql is for the tests only: they start a throwaway cluster (docs/testing.md); python3 runs
# the docs tests (scripts/docs-test.py); libyang2-dev checks the TAPI answers against the TAPI YANG.
# libnetconf2-dev and libssh-dev: the southbound's NETCONF client and the device emulator's server;
# python3-ncclient reads the emulated devices back in the tests with a client lightmesh did not write.
# nodejs and npm build the web console (web/), whose browser tests drive Debian's chromium; curl
# lets `make run` see when the server answers. libboost-dev (headers only): the HTTP server is
# Boost.Asio with Boost.Beast's parser; cpp-httplib stays for the command-line clients. Open MPI:
# `mpirun -n K lightmesh simulate` (optional to the build, which says whether it found it).
# pybind11-dev and python3-numpy build the `lightmesh` Python module, python3-pytest tests it
# (docs/simulate.md, "Python").
set -euo pipefail

packages=(
  cmake make g++ pkg-config
  nlohmann-json3-dev libyaml-cpp-dev libfmt-dev libcli11-dev libsqlite3-dev
  libboost-dev libcpp-httplib-dev libssl-dev libpq-dev
  postgresql
  libgtest-dev libgmock-dev libbenchmark-dev libyang2-dev
  libnetconf2-dev libssh-dev python3-ncclient
  python3 pybind11-dev python3-dev python3-numpy python3-pytest
  chromium curl
  libopenmpi-dev openmpi-bin
)
# node and npm by command, not by package: a machine may have them from elsewhere (NodeSource's
# nodejs bundles npm), and Debian's npm package would conflict with that.
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)
# `make conformance` lints the OpenAPI document with a tool from the npm registry
# (scripts/openapi-lint.sh); `--npm` is still accepted, and npm is ensured above for every build.
if [ "${1:-}" = "--fuzz" ]; then
  packages+=(clang-14 libclang-rt-14-dev)
fi
# `make oracle` runs GNPy v2.12 from ../shared/tools with Debian's python3 (its README): never part of
# the product, only of the check beside it.
if [ "${1:-}" = "--gnpy" ]; then
  packages+=(python3 python3-numpy python3-scipy python3-networkx python3-xlrd python3-matplotlib)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "install-deps: installing ${missing[*]}"
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"

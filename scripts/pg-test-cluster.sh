#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the integration tests (docs/testing.md).
#
#   url=$(scripts/pg-test-cluster.sh start "$(mktemp -d)")   # prints the conninfo on stdout
#   LIGHTMESH_PG_URL=$url build/server_tests --gtest_filter='Postgres*'
#   scripts/pg-test-cluster.sh stop DIR                      # stops it and deletes its data
#   scripts/pg-test-cluster.sh halt DIR     # stops the server at once, as a crash would; keeps data
#   scripts/pg-test-cluster.sh resume DIR   # starts it again on the same port
#   scripts/pg-test-cluster.sh start-shared FILE  # ctest's fixture: a cluster in a new temporary
#   scripts/pg-test-cluster.sh stop-shared FILE   # directory, its conninfo in FILE for every test
#
# start installs the Debian postgresql package if no server binaries are found, creates a cluster
# in DIR/data owned by a non-root user (PostgreSQL refuses to run as root: when run as root it uses
# the postgres user, or nobody), listens on 127.0.0.1 and a Unix socket in DIR on a free port, and
# prints postgresql://postgres@127.0.0.1:PORT/postgres. Trust authentication, no fsync: the cluster
# holds test data only. Exits non-zero with a reason on stderr if PostgreSQL cannot be had.
set -euo pipefail

usage() {
  echo "usage: $0 start|stop|halt|resume DIR, or $0 start-shared|stop-shared FILE" >&2
  exit 2
}
[ $# -eq 2 ] || usage
cmd=$1

case "$cmd" in
  start-shared)
    # Never fails: if no cluster can be had, FILE stays absent and each test process tries on its
    # own (and skips with the reason). FILE.log keeps what went wrong.
    rm -f "$2" "$2.dir"
    # The tests use LIGHTMESH_PG_URL's server when it is set: no cluster needed.
    [ -n "${LIGHTMESH_PG_URL:-}" ] && exit 0
    tmp=$(mktemp -d /tmp/lightmesh-pg-XXXXXX)
    chmod 711 "$tmp"  # the cluster's owner may be another user; it must reach its directory
    mkdir "$tmp/cluster"
    echo "$tmp" >"$2.dir"
    if url=$("$0" start "$tmp/cluster" 2>"$2.log"); then
      echo "$url" >"$2"
    fi
    exit 0
    ;;
  stop-shared)
    if [ -f "$2.dir" ]; then
      tmp=$(cat "$2.dir")
      "$0" stop "$tmp/cluster" || true
      case "$tmp" in /tmp/lightmesh-pg-*) rm -rf "$tmp" ;; esac
    fi
    rm -f "$2" "$2.dir" "$2.log"
    exit 0
    ;;
esac

dir=$(cd "$2" 2>/dev/null && pwd) || {
  echo "pg-test-cluster: $2: no such directory" >&2
  exit 1
}

find_bin() {
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then
      echo "$d"
      return 0
    fi
  done
  return 1
}

# Runs a command as the cluster's owner: ourselves, unless we are root.
as_owner() {
  if [ "$owner" = "$(id -un)" ]; then
    "$@"
  else
    runuser -u "$owner" -- "$@"
  fi
}

start_server() {
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
    -o "-k $dir -p $port -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100" \
    start >/dev/null 2>&1
}

case "$cmd" in
  start)
    if ! bin=$(find_bin); then
      echo "pg-test-cluster: installing postgresql" >&2
      sudo=""
      [ "$(id -u)" -ne 0 ] && sudo="sudo -n"
      export DEBIAN_FRONTEND=noninteractive
      if ! { $sudo apt-get update -qq && $sudo apt-get install -y -qq --no-install-recommends \
        postgresql; } >&2; then
        echo "pg-test-cluster: cannot install postgresql" >&2
        exit 1
      fi
      bin=$(find_bin) || {
        echo "pg-test-cluster: postgresql installed but no server binaries found" >&2
        exit 1
      }
    fi
    owner=$(id -un)
    if [ "$(id -u)" -eq 0 ]; then
      owner=nobody
      id postgres >/dev/null 2>&1 && owner=postgres
      chown "$owner" "$dir"
    fi
    as_owner test -w "$dir" -a -x "$dir" || {
      echo "pg-test-cluster: $owner cannot write $dir (are its parents searchable by $owner?)" >&2
      exit 1
    }
    as_owner "$bin/initdb" -D "$dir/data" -A trust -U postgres -N -E UTF8 --locale=C \
      >"$dir/initdb.log" 2>&1 || {
      echo "pg-test-cluster: initdb failed:" >&2
      cat "$dir/initdb.log" >&2
      exit 1
    }
    # A random port below the kernel's ephemeral range, retried if something already listens
    # there. Inside that range, while the cluster is halted, a client's outgoing connection may
    # take the port as its own source (a socket connecting to a port nobody listens on can even
    # connect to itself), and the cluster cannot start again on it.
    first_ephemeral=$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
    [ "$first_ephemeral" -gt 11000 ] 2>/dev/null || first_ephemeral=32768
    for _ in 1 2 3 4 5 6 7 8; do
      port=$((10000 + RANDOM % (first_ephemeral - 10000)))
      if start_server; then
        echo "$port" >"$dir/port"
        echo "postgresql://postgres@127.0.0.1:$port/postgres"
        exit 0
      fi
    done
    echo "pg-test-cluster: the server did not start:" >&2
    tail -n 20 "$dir/server.log" >&2 || true
    exit 1
    ;;
  stop)
    bin=$(find_bin) || exit 0
    if [ -f "$dir/data/postmaster.pid" ]; then
      owner=$(stat -c %U "$dir/data")
      as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir/data" "$dir/port" "$dir/initdb.log" "$dir/server.log"
    ;;
  halt)
    bin=$(find_bin) || exit 1
    owner=$(stat -c %U "$dir/data")
    as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null
    ;;
  resume)
    bin=$(find_bin) || exit 1
    owner=$(stat -c %U "$dir/data")
    port=$(cat "$dir/port")
    # A few tries: the halted server's sockets may take a moment to go.
    for _ in 1 2 3 4; do
      start_server && exit 0
      sleep 1
    done
    start_server || {
      echo "pg-test-cluster: the server did not start again:" >&2
      tail -n 20 "$dir/server.log" >&2 || true
      exit 1
    }
    ;;
  *) usage ;;
esac

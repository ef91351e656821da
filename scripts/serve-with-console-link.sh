#!/usr/bin/env bash
# `make run`'s last step: runs `lightmesh serve` in the foreground and, once it answers, prints the
# web console's link carrying the admin token once, in the URL's fragment (#token=…): browsers never
# send a fragment, so the token reaches no server log, and the page moves it to session storage.
# The link goes to this terminal only; serve itself never prints a token.
set -euo pipefail
lightmesh="$1" network="$2" db="$3" listen="$4"
token_file="$db.admin-token"
"$lightmesh" serve "$network" --db "$db" --listen "$listen" &
serve=$!
trap 'kill -TERM "$serve" 2>/dev/null || true' INT TERM
for _ in $(seq 1 100); do
  if [ -s "$token_file" ] && curl -fsS "http://$listen/healthz" >/dev/null 2>&1; then
    echo
    echo "web console: http://$listen/#token=$(head -n 1 "$token_file")"
    echo "(the link signs in as admin; keep it to yourself)"
    break
  fi
  kill -0 "$serve" 2>/dev/null || break
  sleep 0.1
done
wait "$serve"

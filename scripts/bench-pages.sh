#!/usr/bin/env bash
# The page benchmark of docs/benchmarks.md: fills an embedded (SQLite) store
# with N generated articles through the whole pipeline (50,000 give about
# 1,000,000 statements and 145,000 entities), then serves it with the server
# pinned to CPU 0 and measures every kind of page from a client pinned to
# CPU 1, one request at a time.
# Usage: scripts/bench-pages.sh [N] [DATA_DIR]
#   DATA_DIR kept between runs: an already filled store is reused.
set -euo pipefail
n=${1:-50000}
cd "$(dirname "$0")/.."
work=$(mktemp -d /tmp/athar-pages-XXXX)
data=${2:-$work/data}
server=
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"' EXIT
go build -o "$work/athar" ./cmd/athar && go build -o "$work/athar-bench" ./cmd/athar-bench

echo "== machine"
nproc; lscpu | grep 'Model name' || true; free -h | head -2; go version

if [ ! -e "$data/athar.db" ]; then
  echo "== filling $data with $n articles"
  taskset -c 0 "$work/athar-bench" --data "$data" fill --n "$n" 2>/dev/null
fi
pw=bench-password-$RANDOM$RANDOM
"$work/athar" --data "$data" user disable bench >/dev/null 2>&1 || true
name=bench$RANDOM
echo "$pw" | "$work/athar" --data "$data" user add "$name" --role admin --password-stdin >/dev/null

# A server in use has its database in the operating system's cache; read the
# file once so that the first touch of each random page is not a disk read.
cat "$data/athar.db" "$data/athar.db-wal" >/dev/null 2>&1 || true

port=$((40000 + RANDOM % 10000))
taskset -c 0 "$work/athar" --data "$data" serve --workers 0 --addr "127.0.0.1:$port" 2>"$work/serve.log" &
server=$!
until curl -sf "http://127.0.0.1:$port/healthz" >/dev/null; do sleep 0.2; done
echo "== pages (server on CPU 0, GOMAXPROCS 1; client on CPU 1)"
echo "$pw" | taskset -c 1 "$work/athar-bench" --data "$data" pages --url "http://127.0.0.1:$port" --user "$name" --password-stdin --requests "${REQUESTS:-300}" --server-pid "$server"
echo "server resident memory after the run: $(ps -o rss= -p "$server") KiB"

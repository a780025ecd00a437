#!/usr/bin/env bash
# Measures `athar bench ingest` on the embedded SQLite store and on a throwaway
# PostgreSQL cluster with durable settings (fsync on, synchronous_commit on),
# for docs/benchmarks.md. Usage: scripts/bench-ingest.sh [N]
set -euo pipefail
n=${1:-10000}
cd "$(dirname "$0")/.."
work=$(mktemp -d /tmp/athar-bench-XXXX)
trap 'pg_stop; rm -rf "$work"' EXIT
go build -o "$work/athar" ./cmd/athar

echo "== machine"
nproc; lscpu | grep 'Model name' || true; free -h | head -2

echo "== sqlite, $n articles"
"$work/athar" --data "$work/sqlite" bench ingest --n "$n"

bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
as=()
if [ "$(id -u)" = 0 ]; then as=(runuser -u postgres --); chown postgres "$work"; fi
port=$((20000 + RANDOM % 20000))
pg_stop() { [ -d "$work/pg" ] && "${as[@]}" "$bin/pg_ctl" -D "$work/pg" -m fast -w stop >/dev/null 2>&1 || true; }
"${as[@]}" "$bin/initdb" -D "$work/pg" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
"${as[@]}" "$bin/pg_ctl" -D "$work/pg" -o "-p $port -k $work -c listen_addresses=127.0.0.1" -l "$work/pg.log" -w start >/dev/null
"${as[@]}" "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres athar_bench
echo "== postgres $("$bin/postgres" --version | awk '{print $3}'), $n articles"
"$work/athar" --data "$work/pgdata" --db "postgres://postgres@127.0.0.1:$port/athar_bench?sslmode=disable" bench ingest --n "$n"

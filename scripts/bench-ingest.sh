#!/usr/bin/env bash
# Measures `athar-bench ingest` on the embedded SQLite store and on a throwaway
# PostgreSQL cluster with durable settings (fsync on, synchronous_commit on),
# for docs/benchmarks.md. Usage: scripts/bench-ingest.sh [N]
set -euo pipefail
n=${1:-10000}
cd "$(dirname "$0")/.."
work=$(mktemp -d /tmp/athar-bench-XXXX)
pg_stop() { :; }
trap 'pg_stop; rm -rf "$work"' EXIT
go build -o "$work/athar" ./cmd/athar && go build -o "$work/athar-bench" ./cmd/athar-bench

echo "== machine"
nproc; lscpu | grep 'Model name' || true; free -h | head -2

echo "== sqlite, $n articles"
"$work/athar-bench" --data "$work/sqlite" ingest --n "$n"

. "$(dirname "$0")/pg-throwaway.sh"
echo "== postgres $PGVERSION, $n articles"
"$work/athar-bench" --data "$work/pgdata" --db "$PGURL" ingest --n "$n"

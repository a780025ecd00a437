#!/usr/bin/env bash
# Measures Athar's name index against PostgreSQL pg_trgm in one run, for
# docs/benchmarks.md: quality on the real name variants of shared/data/names/dev,
# speed and memory on N generated persons. Usage: scripts/bench-names.sh [N]
set -euo pipefail
n=${1:-100000}
cd "$(dirname "$0")/.."
dev=../shared/data/names/dev
work=$(mktemp -d /tmp/athar-bench-XXXX)
pg_stop() { :; }
trap 'pg_stop; rm -rf "$work"' EXIT
go build -o "$work/athar" ./cmd/athar && go build -o "$work/athar-bench" ./cmd/athar-bench
echo "== machine"; nproc; lscpu | grep 'Model name' || true
. "$(dirname "$0")/pg-throwaway.sh"
echo "== Athar and pg_trgm (PostgreSQL $PGVERSION), $n generated persons"
"$work/athar-bench" --db "$PGURL" --data "$work/data" names --persons "$n" --queries "${QUERIES:-2000}" --dev-index "$dev/index.tsv" --dev-queries "$dev/queries.tsv"

#!/usr/bin/env bash
# The scale benchmark of docs/scaling.md: fills a throwaway PostgreSQL
# cluster with N generated articles through the whole pipeline (stored,
# extracted, resolved, indexed) in chunks, reporting after each chunk the
# ingest rate, the CPU-seconds per source of Athar and of PostgreSQL, and the
# database's size, so that growth is visible; then measures page, search and
# name-match latency on the filled store. PostgreSQL runs on CPU 1 and Athar
# on CPU 0 so the figures are not contention between them.
# Usage: scripts/bench-scale.sh [N] [CHUNK]   (defaults 100000, 10000)
# KEEP=1 keeps the stopped cluster and the binary in the work directory, so
# that later code can be measured on the same filled store: REUSE=DIR runs
# the script again on a kept directory, with the current code, migrating the
# store first (timed apart) and filling on from the sources it holds to N.
# PROFILES=DIR writes a CPU profile of Athar's part of each chunk there.
# PGSTATS=1 loads pg_stat_statements and prints, after each chunk, the
# statements that took PostgreSQL the most time in it.
set -euo pipefail
n=${1:-100000}
chunk=${2:-10000}
cd "$(dirname "$0")/.."
if [ -n "${REUSE:-}" ]; then work=$REUSE; KEEP=1; else work=$(mktemp -d /tmp/athar-scale-XXXX); fi
pg_stop() { :; }
server=
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; pg_stop; if [ -n "${KEEP:-}" ]; then echo "kept $work"; else rm -rf "$work"; fi' EXIT
go build -o "$work/athar" ./cmd/athar && go build -o "$work/athar-bench" ./cmd/athar-bench

echo "== machine"
nproc; lscpu | grep 'Model name' || true; free -h | head -2; go version

[ -n "${PGSTATS:-}" ] && PG_OPTS="-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all"
. "$(dirname "$0")/pg-throwaway.sh"
pgstats() {
  [ -n "${PGSTATS:-}" ] || return 0
  "${as[@]}" "$bin/psql" -q -h 127.0.0.1 -p "$port" -U postgres -d athar_bench -c "$1"
}
pgstats "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" >/dev/null
# The postmaster and its helper processes move to CPU 1; every backend it
# forks from now on inherits that.
pg_ctl_pid=$(head -1 "$work/pg/postmaster.pid")
for p in "$pg_ctl_pid" $(pgrep -P "$pg_ctl_pid"); do taskset -a -p -c 1 "$p" >/dev/null; done
echo "== postgres $PGVERSION on CPU 1, athar on CPU 0"

# pgcpu: CPU-seconds PostgreSQL has used: the postmaster, its live children,
# and (through the postmaster's cutime/cstime) every child it has reaped.
pgcpu() {
  local tick total=0
  tick=$(getconf CLK_TCK)
  read -r -a f < "/proc/$pg_ctl_pid/stat"
  total=$(( f[13] + f[14] + f[15] + f[16] ))
  for c in $(pgrep -P "$pg_ctl_pid"); do
    read -r -a f < "/proc/$c/stat" 2>/dev/null || continue
    total=$(( total + f[13] + f[14] ))
  done
  echo "scale=2; $total / $tick" | bc
}
dbsize() {
  "${as[@]}" "$bin/psql" -qtA -h 127.0.0.1 -p "$port" -U postgres -d athar_bench -c "SELECT pg_database_size('athar_bench')"
}

start_at=0
if [ -n "${REUSE:-}" ]; then
  start_at=$("${as[@]}" "$bin/psql" -qtA -h 127.0.0.1 -p "$port" -U postgres -d athar_bench -c "SELECT count(*) FROM sources")
  before=$(pgcpu)
  t0=$(date +%s.%N)
  taskset -c 0 "$work/athar" --data "$work/data" --db "$PGURL" migrate >/dev/null
  sleep 2
  echo "== migrated the kept store of $start_at sources with the current code: $(echo "$(date +%s.%N) - $t0" | bc) s, postgres cpu $(echo "$(pgcpu) - $before" | bc) s"
fi
pgstats "SELECT pg_stat_statements_reset()" >/dev/null
for ((from = start_at; from < n; from += chunk)); do
  this=$(( n - from < chunk ? n - from : chunk ))
  before=$(pgcpu)
  prof=()
  [ -n "${PROFILES:-}" ] && prof=(--cpuprofile "$PROFILES/fill-$from.prof")
  taskset -c 0 "$work/athar-bench" --data "$work/data" --db "$PGURL" fill --n "$this" --from "$from" "${prof[@]}" 2>/dev/null > "$work/fill.txt"
  sleep 2 # let the postmaster reap the finished backends into its cutime
  after=$(pgcpu)
  echo "== after $((from + this)) sources"
  grep -E 'time:|cpu|store now' "$work/fill.txt"
  echo "postgres cpu:      $(echo "scale=2; $after - $before" | bc) s, $(echo "scale=2; ($after - $before) * 1000 / $this" | bc) ms per source"
  echo "database size:     $(dbsize) bytes, $(( $(dbsize) / (from + this) )) bytes per source"
  pgstats "SELECT round(total_exec_time::numeric / $this, 3) AS ms_per_source, calls, left(regexp_replace(query, '\\s+', ' ', 'g'), 150) AS query FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 12"
  pgstats "SELECT pg_stat_statements_reset()" >/dev/null
done

# After a bulk load the planner's statistics lag until autovacuum's next
# analyze; a deployment gets it within minutes, the benchmark at once.
"${as[@]}" "$bin/psql" -q -h 127.0.0.1 -p "$port" -U postgres -d athar_bench -c "ANALYZE" >/dev/null
echo "== pages, search and name matching (server on CPU 0; client on CPU 1 beside PostgreSQL)"
pw=bench-password-$RANDOM$RANDOM
echo "$pw" | "$work/athar" --data "$work/data" --db "$PGURL" user add bench --role admin --password-stdin >/dev/null
port_web=$((40000 + RANDOM % 10000))
start=$(date +%s.%N)
taskset -c 0 "$work/athar" --data "$work/data" --db "$PGURL" serve --workers 0 --addr "127.0.0.1:$port_web" 2>"$work/serve.log" &
server=$!
until curl -sf "http://127.0.0.1:$port_web/healthz" >/dev/null; do sleep 0.2; done
echo "server ready after $(echo "$(date +%s.%N) - $start" | bc) s; resident memory $(ps -o rss= -p "$server") KiB"
echo "$pw" | taskset -c 1 "$work/athar-bench" --data "$work/data" --db "$PGURL" pages --url "http://127.0.0.1:$port_web" --user bench --password-stdin --requests "${REQUESTS:-200}"
echo "server resident memory after the run: $(ps -o rss= -p "$server") KiB"

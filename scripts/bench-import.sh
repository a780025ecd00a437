#!/usr/bin/env bash
# Measures `athar import ftm` of N generated FtM person lines (one name and
# one birthDate each) into an empty embedded SQLite store, and with PG=1 into
# a throwaway PostgreSQL cluster too: peak resident memory and wall time from
# /usr/bin/time -v, for docs/benchmarks.md ("Imports in constant memory").
# FORMAT=csv measures `athar import csv` of N generated rows (ID, Name, Born:
# an id column and two mapped ones) instead; FORMAT=statements `athar import
# ftm` of N generated FtM statements as JSON lines (a name and a birthDate
# of each of N/2 persons, grouped by entity); FORMAT=xlsx `athar import csv`
# of the CSV rows written as an .xlsx workbook (by athar-bench workbook);
# FORMAT=cp1256 `athar import csv` of N rows (ID, Name, Alias in Arabic,
# Born) in Windows-1256, the encoding declared in the mapping. ATHAR=path
# runs that binary (another build, to compare) instead of building this
# tree's.
# Usage: [FORMAT=csv|xlsx|cp1256|statements] [PG=1] [ATHAR=bin] scripts/bench-import.sh [N...]   (default 10000 100000)
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
((${#sizes[@]})) || sizes=(10000 100000)
work=$(mktemp -d /tmp/athar-bench-import-XXXX)
pg_stop() { :; }
trap 'pg_stop; rm -rf "$work"' EXIT
export ATHAR_KEY_FILE="$work/key"
if [[ -n "${ATHAR:-}" ]]; then
  cp "$ATHAR" "$work/athar"
else
  go build -o "$work/athar" ./cmd/athar
fi
[[ ${FORMAT:-} == xlsx ]] && go build -o "$work/athar-bench" ./cmd/athar-bench
format=${FORMAT:-ftm}

echo "== machine"
nproc; lscpu | grep 'Model name' || true; free -h | head -2

gen() {
  awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++)
    printf "{\"id\": \"p-%07d\", \"schema\": \"Person\", \"properties\": {\"name\": [\"Person Number %d\"], \"birthDate\": [\"19%02d-%02d-%02d\"]}}\n",
      i, i, i % 100, 1 + i % 12, 1 + i % 28 }'
}

gen_csv() {
  awk -v n="$1" 'BEGIN { print "ID,Name,Born"; for (i = 0; i < n; i++)
    printf "p-%07d,Person Number %d,19%02d-%02d-%02d\n", i, i, i % 100, 1 + i % 12, 1 + i % 28 }'
}
gen_cp1256() {
  awk -v n="$1" 'BEGIN { print "ID,Name,Alias,Born"; for (i = 0; i < n; i++)
    printf "p-%07d,Person Number %d,شخص رقم %d,19%02d-%02d-%02d\n", i, i, i, i % 100, 1 + i % 12, 1 + i % 28 }' | iconv -f utf-8 -t cp1256
}
gen_statements() {
  awk -v n="$1" 'BEGIN { for (i = 0; i < n / 2; i++) {
    printf "{\"id\": \"s-%07d-n\", \"entity_id\": \"p-%07d\", \"schema\": \"Person\", \"prop\": \"name\", \"value\": \"Person Number %d\"}\n", i, i, i
    printf "{\"id\": \"s-%07d-b\", \"entity_id\": \"p-%07d\", \"schema\": \"Person\", \"prop\": \"birthDate\", \"value\": \"19%02d-%02d-%02d\"}\n", i, i, i % 100, 1 + i % 12, 1 + i % 28 } }'
}
printf 'id_column: ID\nentity_type: person\nproperties:\n  name: Name\n  birthDate: Born\n' >"$work/mapping.yaml"
[[ $format == cp1256 ]] && printf 'id_column: ID\nentity_type: person\nencoding: windows-1256\nproperties:\n  name: Name\n  alias: Alias\n  birthDate: Born\n' >"$work/mapping.yaml"

run() { # run NAME FILE [athar flags...]
  local name=$1 file=$2
  shift 2
  echo "== $name: load $(cut -d' ' -f1-3 /proc/loadavg)"
  local cmd=(import ftm "$file")
  [[ $format == csv || $format == xlsx || $format == cp1256 ]] && cmd=(import csv "$file" --mapping "$work/mapping.yaml")
  /usr/bin/time -v "$work/athar" "$@" "${cmd[@]}" 2>"$work/time" >/dev/null || { cat "$work/time"; return 1; }
  grep -E 'Elapsed|Maximum resident' "$work/time"
}

for n in "${sizes[@]}"; do
  case $format in
  csv) gen_csv "$n" >"$work/in-$n.$format" ;;
  xlsx) gen_csv "$n" >"$work/in-$n.csv" && "$work/athar-bench" workbook "$work/in-$n.csv" "$work/in-$n.xlsx" && rm "$work/in-$n.csv" ;;
  cp1256) gen_cp1256 "$n" >"$work/in-$n.$format" ;;
  statements) gen_statements "$n" >"$work/in-$n.$format" ;;
  *) gen "$n" >"$work/in-$n.$format" ;;
  esac
  run "sqlite, $n lines" "$work/in-$n.$format" --data "$work/sqlite-$n"
  rm -rf "$work/sqlite-$n"
done

if [[ "${PG:-}" == 1 ]]; then
  . "$(dirname "$0")/pg-throwaway.sh"
  for n in "${sizes[@]}"; do
    "${as[@]}" "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres "imp$n"
    run "postgres $PGVERSION, $n lines" "$work/in-$n.$format" --data "$work/pg-$n" --db "postgres://postgres@127.0.0.1:$port/imp$n?sslmode=disable"
  done
fi

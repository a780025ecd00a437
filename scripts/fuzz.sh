#!/usr/bin/env bash
# Runs every fuzz target of the module (or of the packages given) for
# FUZZTIME each (default 30s), printing each one's executions. Minimizing an
# input that finds new coverage is capped at FUZZMINIMIZE (default 5s): Go's
# default of 60 s per input can take a whole short run, which then reports a
# few dozen executions (docs/security.md, "Fuzzing").
set -euo pipefail
cd "$(dirname "$0")/.."
fuzztime=${FUZZTIME:-30s}
minimize=${FUZZMINIMIZE:-5s}
pkgs=("$@")
((${#pkgs[@]})) || pkgs=(./...)
status=0
for pkg in $(go list "${pkgs[@]}"); do
  for target in $(go test -list '^Fuzz' "$pkg" | grep '^Fuzz' || true); do
    out=$(go test "$pkg" -run '^$' -fuzz "^${target}\$" -fuzztime "$fuzztime" -fuzzminimizetime "$minimize" 2>&1) || status=1
    last=$(grep '^fuzz: elapsed' <<<"$out" | tail -1 || true)
    echo "${pkg#github.com/athar-project/athar/} ${target}: ${last#fuzz: }"
    if grep -q '^--- FAIL' <<<"$out"; then
      echo "$out"
    fi
  done
done
exit $status

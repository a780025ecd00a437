# Sourced by the benchmark scripts: starts a throwaway PostgreSQL cluster with
# durable settings in $work (which the caller creates and removes) and sets
# PGURL to a fresh database on it (or starts the cluster already in $work);
# pg_stop stops it. PG_OPTS adds server options.
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
as=()
if [ "$(id -u)" = 0 ]; then as=(runuser -u postgres --); chown postgres "$work"; fi
port=$((20000 + RANDOM % 20000))
pg_stop() { [ -d "$work/pg" ] && "${as[@]}" "$bin/pg_ctl" -D "$work/pg" -m fast -w stop >/dev/null 2>&1 || true; }
# A cluster kept from an earlier run (bench-scale.sh's KEEP=1) is started again.
reused=
if [ -d "$work/pg" ]; then reused=1; fi
[ -n "$reused" ] || "${as[@]}" "$bin/initdb" -D "$work/pg" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
"${as[@]}" "$bin/pg_ctl" -D "$work/pg" -o "-p $port -k $work -c listen_addresses=127.0.0.1 -c shared_buffers=1GB ${PG_OPTS:-}" -l "$work/pg.log" -w start >/dev/null
[ -n "$reused" ] || "${as[@]}" "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres athar_bench
PGURL="postgres://postgres@127.0.0.1:$port/athar_bench?sslmode=disable"
PGVERSION=$("$bin/postgres" --version | awk '{print $3}')

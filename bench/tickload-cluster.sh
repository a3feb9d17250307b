#!/usr/bin/env bash
# The live-style tick load (10,000 strategies over 500 symbols by default, ticks on the "market" streams, every tick and
# bar counted as delivered) on a cluster of N silo processes on one PostgreSQL (issue 9). Creates a throwaway database
# on the server given by the admin connection string, starts N `load-silo` processes of the benchmark executable
# (each configured as the product's `silo serve`: ADO.NET clustering, grain state and stream pub-sub in PostgreSQL,
# plus a filter that counts deliveries on that silo and a reporter), then runs the driver, an Orleans client of the
# cluster that creates the strategies (placed at random over the silos), publishes the ticks through the instrument
# grains and prints a markdown report with a row per silo. Stops the silos (SIGTERM) and drops the database at exit.
#
#   bench/tickload-cluster.sh "Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres" N [load options...]
#   e.g. bench/tickload-cluster.sh "$admin_cs" 3 --hours 1.5
#
# Load options are those of `load` (--symbols, --per-symbol, --tick-seconds, --hours, --round, --seed). Needs the
# Release build of bench/ (dotnet build -c Release) and psql. Uses 127.0.0.1 ports 21131.. and 31020.. (one of each per
# silo). Logs go to ${TICKLOAD_LOGS:-/tmp/tickload}-s{1..N}.log. When the PostgreSQL server runs on this machine and its data directory
# is readable, the driver also reports the server's CPU in the window (--postgres-pid). Exits with the driver's code.
set -euo pipefail
admin_cs="$1"; n="$2"; shift 2
(( n >= 1 && n <= 9 )) || { echo "N must be 1-9 silos"; exit 2; }
db="tickload_$RANDOM"
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
logs="${TICKLOAD_LOGS:-/tmp/tickload}"
host=$(sed -E 's/.*Host=([^;]*).*/\1/' <<<"$admin_cs"); port=$(sed -E 's/.*Port=([^;]*).*/\1/' <<<"$admin_cs"); user=$(sed -E 's/.*Username=([^;]*).*/\1/' <<<"$admin_cs")
pg() { psql -q -h "$host" -p "$port" -U "$user" -d postgres "$@"; }
pg -c "create database $db" >/dev/null
cs="Host=$host;Port=$port;Username=$user;Database=$db;Maximum Pool Size=50"
bench="$repo/bench/bin/Release/net10.0/TradingRobotPlug.Benchmarks.dll"
pids=()
cleanup() {
  local status=$?
  ((${#pids[@]})) && kill -TERM "${pids[@]}" 2>/dev/null || true
  wait 2>/dev/null || true
  pg -c "drop database if exists $db (force)" >/dev/null || echo "could not drop database $db"
  exit "$status"
}
trap cleanup EXIT
pg_pid=$(head -1 "$(pg -At -c 'show data_directory')/postmaster.pid" 2>/dev/null || true)

echo "load average at start: $(uptime | sed 's/.*load average: //')"
for i in $(seq 1 "$n"); do
  dotnet "$bench" load-silo --postgres "$cs" --cluster-id "$db" --silo-port $((21130 + i)) --gateway-port $((31019 + i)) \
    >"$logs-s$i.log" 2>&1 & pids+=($!)
done
t=$SECONDS
for i in $(seq 1 "$n"); do
  until grep -q "load silo up" "$logs-s$i.log"; do
    kill -0 "${pids[$((i - 1))]}" 2>/dev/null || { echo "silo $i exited:"; tail -20 "$logs-s$i.log"; exit 2; }
    (( SECONDS - t < 180 )) || { echo "silo $i not up within 180 s"; exit 2; }
    sleep 0.5
  done
done
echo "$n silo(s) up after $(( SECONDS - t )) s: pids ${pids[*]}"
status=0
dotnet "$bench" load --cluster "$db" --postgres "$cs" --silos "$n" ${pg_pid:+--postgres-pid "$pg_pid"} "$@" || status=$?
echo "load average at end: $(uptime | sed 's/.*load average: //')"
for i in $(seq 1 "$n"); do
  echo "silo $i log: $(grep -c 'warn\|fail' "$logs-s$i.log" || true) warning/error lines ($logs-s$i.log)"
done
exit $status

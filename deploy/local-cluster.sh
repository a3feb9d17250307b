#!/usr/bin/env bash
# A throwaway TradingRobotPlug cluster on this machine: one PostgreSQL server (initdb/pg_ctl, loopback only), N
# standalone silos (`silo serve`) and the API process as one more silo, all on 127.0.0.1. Everything is stopped and
# the database directory deleted when this script exits (Ctrl+C included).
#
#   deploy/local-cluster.sh [silos=2] [http-port=5000]
#
# Then open http://127.0.0.1:5000/ (the cluster page lists every silo). Kill a silo with `kill -9 <pid>` (the pids are
# printed) to watch its strategies move to the survivors.
set -euo pipefail

silos="${1:-2}"
http_port="${2:-5000}"
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
log() { printf '[local-cluster] %s\n' "$*" >&2; }

pg_bin=""
for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [[ -x "$dir/initdb" && -x "$dir/pg_ctl" ]] && { pg_bin="$dir"; break; }
done
[[ -n "$pg_bin" ]] || { log "PostgreSQL server binaries not found (apt-get install postgresql)"; exit 1; }

root="$(mktemp -d /tmp/trp-cluster.XXXXXX)"
pids=()
cleanup() {
    local status=$?
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    if [[ -f "$root/data/postmaster.pid" ]]; then
        run_pg "$pg_bin/pg_ctl" -D "$root/data" -m fast -w stop >/dev/null || true
    fi
    rm -rf "$root"
    exit "$status"
}
run_pg() { if [[ $EUID -eq 0 ]]; then (cd "$root" && runuser -u postgres -- "$@"); else (cd "$root" && "$@"); fi; }
trap cleanup EXIT INT TERM

[[ $EUID -eq 0 ]] && chown postgres: "$root"
run_pg "$pg_bin/initdb" -D "$root/data" -A trust -U postgres --no-sync -E UTF8 --no-locale >/dev/null
pg_port=$((20000 + RANDOM % 30000))
run_pg "$pg_bin/pg_ctl" -D "$root/data" -l "$root/postgres.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $root" start >/dev/null
run_pg "$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres trp
cs="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=trp"
log "PostgreSQL on 127.0.0.1:$pg_port (database trp)"

dotnet build "$repo/silo" -c Release -v q >/dev/null
dotnet build "$repo/api" -c Release -v q >/dev/null
silo_dll="$repo/silo/bin/Release/net10.0/TradingRobotPlug.Silo.dll"
api_dll="$repo/api/bin/Release/net10.0/TradingRobotPlug.Api.dll"

for i in $(seq 1 "$silos"); do
    dotnet "$silo_dll" serve --postgres "$cs" --cluster-id local --silo-port $((11110 + i)) --gateway-port $((30000 + i)) \
        >"$root/silo-$i.log" 2>&1 &
    pids+=("$!")
    log "silo $i: pid $! (silo port $((11110 + i)), gateway $((30000 + i)), log $root/silo-$i.log)"
done

(cd "$(dirname "$api_dll")" && exec dotnet "$api_dll" --urls "http://127.0.0.1:$http_port" --postgres "$cs" \
    --cluster-id local --silo-port 11110 --gateway-port 30000) >"$root/api.log" 2>&1 &
pids+=("$!")
log "API silo: pid $! on http://127.0.0.1:$http_port/ (log $root/api.log); Ctrl+C stops everything"
wait -n "${pids[@]}" || true
log "a process exited; stopping the cluster"

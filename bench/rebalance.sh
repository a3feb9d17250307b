#!/usr/bin/env bash
# How long Orleans' activation rebalancer (experimental, ORLEANSEXP002) takes to spread strategy activations onto a
# silo added later (issue 9): one standalone silo and the API silo on a fresh PostgreSQL database and cluster id, N
# buy-and-hold strategies created over REST, the S&P 500 file replayed at 20 bars/s so that they stay busy; once all N
# are active a second standalone silo (s3) joins: 3 silos. /api/v1/cluster is polled every second for up to 180 s from
# the start of s3's process (until 120 s once both times below are known): prints the strategy activations per silo
# (s1/api/s3) beside all activations per silo (what the rebalancer evens out), the time until no silo holds more than
# 1.5x its fair share N/3 (the issue's criterion) or "not within 180 s", and, as an even 50/50/0 split already meets
# that, the time until s3 holds at least half its share. Exits 0 when the criterion was met, 1 when not, 2 when the
# silos or strategies do not come up.
#
#   bench/rebalance.sh "Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres" [strategies=200] [database-name]
#
# Needs the Release builds of silo/ and api/ (dotnet build -c Release), curl, python3 and psql. Uses 127.0.0.1 ports
# 21121-21123, 31010-31012 and 5092. Logs go to /tmp/rebalance-{s1,s3,api}.log.
set -euo pipefail
admin_cs="$1"; n="${2:-200}"; db="${3:-rebalance_$RANDOM}"
limit=180
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
host=$(sed -E 's/.*Host=([^;]*).*/\1/' <<<"$admin_cs"); port=$(sed -E 's/.*Port=([^;]*).*/\1/' <<<"$admin_cs"); user=$(sed -E 's/.*Username=([^;]*).*/\1/' <<<"$admin_cs")
psql -q -h "$host" -p "$port" -U "$user" -d postgres -c "create database $db" >/dev/null
cs="Host=$host;Port=$port;Username=$user;Database=$db"
silo="$repo/silo/bin/Release/net10.0/TradingRobotPlug.Silo.dll"; api_dir="$repo/api/bin/Release/net10.0"
url=http://127.0.0.1:5092
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true' EXIT
elapsed() { echo $(( ${EPOCHREALTIME/./} / 1000000 - ${1/./} / 1000000 )); }
# "s1 api s3 active-silos": strategy activations per silo (told apart by silo port) from /api/v1/cluster, or nothing.
split() {
  curl -s --max-time 5 "$url/api/v1/cluster" | python3 -c "
import json,sys; d=json.load(sys.stdin); c={}
for s in d['silos']:
    if s['status']=='Active': c[s['address'].split(':')[1].split('@')[0]]=s['activations'].get('strategy',0)
print(c.get('21121',0), c.get('21123',0), c.get('21122',0), len(c))" 2>/dev/null || true
}
echo "load average at start: $(uptime | sed 's/.*load average: //')"
dotnet "$silo" serve --postgres "$cs" --cluster-id "$db" --silo-port 21121 --gateway-port 31010 >/tmp/rebalance-s1.log 2>&1 & pids+=($!)
(cd "$api_dir" && exec dotnet TradingRobotPlug.Api.dll --urls "$url" --postgres "$cs" --cluster-id "$db" --silo-port 21123 --gateway-port 31012 --demo false) >/tmp/rebalance-api.log 2>&1 & pids+=($!)
t=$EPOCHREALTIME
until set -- $(split) && [[ ${4:-0} == 2 ]]; do
  (( $(elapsed "$t") < 120 )) || { echo "the two silos were not active within 120 s"; exit 2; }
  sleep 0.5
done

for i in $(seq 1 "$n"); do printf 's%03d\n' "$i"; done | xargs -P 4 -I{} curl -sf -o /dev/null -X POST "$url/api/v1/strategies" \
  -H 'Content-Type: application/json' -d '{"id":"{}","kind":"buy-and-hold","instruments":["SPX"],"capital":100000}'
curl -sf -o /dev/null -X POST "$url/api/v1/replays" -H 'Content-Type: application/json' -d '{"dataSet":"sp500-daily-2000-2020","symbol":"SPX","speed":20}'
t=$EPOCHREALTIME
until set -- $(split) && (( ${1:-0} + ${2:-0} + ${3:-0} == n )); do
  (( $(elapsed "$t") < 60 )) || { echo "not all $n strategies active within 60 s (s1/api: ${1:-?}/${2:-?})"; exit 2; }
  sleep 0.5
done
echo "$n strategies active after $(elapsed "$t") s: s1/api = $1/$2; starting the third silo (s3)"

t0=$EPOCHREALTIME
dotnet "$silo" serve --postgres "$cs" --cluster-id "$db" --silo-port 21122 --gateway-port 31011 >/tmp/rebalance-s3.log 2>&1 & pids+=($!)
status=0
python3 - "$url" "$n" "$limit" "$t0" "$1/$2" <<'EOF' || status=$?
import json, sys, time, urllib.request
url, n, limit, t0, initial = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), sys.argv[5]
share = n / 3; bound = 1.5 * share
print(f"fair share {share:.1f}, bound 1.5 x share = {bound:.1f}; t = seconds since s3's process started")
print("     t  s1/api/s3  max/share  all activations s1/api/s3 (what the rebalancer evens out)")
joined = reached = half = None; at = {}
while (el := time.time() - t0) <= limit:
    try:
        d = json.load(urllib.request.urlopen(url + "/api/v1/cluster", timeout=5)); c = {}; a = {}
        for s in d['silos']:
            if s['status'] == 'Active':
                p = s['address'].split(':')[1].split('@')[0]; c[p] = s['activations'].get('strategy', 0); a[p] = sum(s['activations'].values())
        k = (c.get('21121', 0), c.get('21123', 0), c.get('21122', 0)); el = time.time() - t0
        if joined is None and '21122' in c: joined = el; print(f"s3 Active in the membership after {el:.0f} s")
        print(f"{el:6.0f}  {k[0]}/{k[1]}/{k[2]}  {max(k) / share:.2f}  {a.get('21121', 0)}/{a.get('21123', 0)}/{a.get('21122', 0)}", flush=True)
        for mark in (30, 60, 120):
            if el >= mark and mark not in at: at[mark] = "/".join(map(str, k))
        if reached is None and joined is not None and max(k) <= bound: reached = el; print(f"no silo above 1.5 x its share after {el:.0f} s")
        if half is None and k[2] >= share / 2: half = el; print(f"s3 holds half its share after {el:.0f} s")
        if reached is not None and half is not None and 120 in at: break
    except Exception as e:
        print(f"{el:6.0f}  ({type(e).__name__})", flush=True)
    time.sleep(max(0.0, 1 - (time.time() - t0 - el)))
fmt = lambda v: f"after {v:.0f} s" if v is not None else f"not within {limit:.0f} s"
print(f"summary: N={n}; s1/api before s3 {initial}; s1/api/s3 at 30 s {at.get(30, '?')}, 60 s {at.get(60, '?')}, "
      f"120 s {at.get(120, '?')}; s3 Active {fmt(joined)}; no silo above 1.5 x share: {fmt(reached)}; s3 at half its share: {fmt(half)}")
sys.exit(0 if reached is not None else 1)
EOF
echo "load average at end: $(uptime | sed 's/.*load average: //')"
exit $status

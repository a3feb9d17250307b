#!/usr/bin/env bash
# Failover time of a three-silo cluster on one machine (issue 9): two standalone silos and the API silo on one
# PostgreSQL database, the seven demo strategies created over REST, the S&P 500 file replayed at 100 bars/s; after 8 s
# the standalone silo holding the most strategies is killed with SIGKILL. Prints how long until every strategy has
# processed 20 bars past the kill and how long until the membership table lists the silo as Dead.
#
#   bench/failover.sh "Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres" [database-name]
#
# Needs the Release builds of silo/ and api/ (dotnet build -c Release), curl, python3 and psql. Uses 127.0.0.1 ports
# 21111-21113, 31000-31002 and 5091.
set -euo pipefail
admin_cs="$1"; db="${2:-failover_$RANDOM}"
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
host=$(sed -E 's/.*Host=([^;]*).*/\1/' <<<"$admin_cs"); port=$(sed -E 's/.*Port=([^;]*).*/\1/' <<<"$admin_cs"); user=$(sed -E 's/.*Username=([^;]*).*/\1/' <<<"$admin_cs")
psql -q -h "$host" -p "$port" -U "$user" -d postgres -c "create database $db" >/dev/null
cs="Host=$host;Port=$port;Username=$user;Database=$db"
silo="$repo/silo/bin/Release/net10.0/TradingRobotPlug.Silo.dll"; api_dir="$repo/api/bin/Release/net10.0"
url=http://127.0.0.1:5091
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true' EXIT
dotnet "$silo" serve --postgres "$cs" --cluster-id "$db" --silo-port 21111 --gateway-port 31000 >/tmp/failover-s1.log 2>&1 & pids+=($!); p1=$!
dotnet "$silo" serve --postgres "$cs" --cluster-id "$db" --silo-port 21112 --gateway-port 31001 >/tmp/failover-s2.log 2>&1 & pids+=($!); p2=$!
(cd "$api_dir" && exec dotnet TradingRobotPlug.Api.dll --urls "$url" --postgres "$cs" --cluster-id "$db" --silo-port 21113 --gateway-port 31002 --demo false) >/tmp/failover-api.log 2>&1 & pids+=($!)
until [[ $(curl -s "$url/api/v1/cluster" | python3 -c "import json,sys; print(sum(s['status']=='Active' for s in json.load(sys.stdin)['silos']))" 2>/dev/null) == 3 ]]; do sleep 0.5; done

for spec in 'sma-cross fast=50 slow=200' 'ema-cross fast=12 slow=26' 'rsi-reversion period=14 lower=30 upper=70' 'macd-cross fast=12 slow=26 signal=9' 'bollinger-reversion period=20 k=2' 'donchian-breakout entry=20 exit=10' 'buy-and-hold'; do
  set -- $spec; kind=$1; shift; params=""; for kv in "$@"; do params="$params\"${kv%%=*}\":${kv#*=},"; done
  curl -sf -o /dev/null -X POST "$url/api/v1/strategies" -H 'Content-Type: application/json' \
    -d "{\"kind\":\"$kind\",\"parameters\":{${params%,}},\"instruments\":[\"SPX\"],\"capital\":100000}"
done
curl -sf -o /dev/null -X POST "$url/api/v1/replays" -H 'Content-Type: application/json' -d '{"dataSet":"sp500-daily-2000-2020","symbol":"SPX","speed":100}'
sleep 8
victim=$(curl -s "$url/api/v1/cluster" | python3 -c "
import json,sys; d=json.load(sys.stdin)
print(max([s for s in d['silos'] if ':21113@' not in s['address']], key=lambda s: s['activations'].get('strategy',0))['address'])")
bars() { curl -s --max-time 5 "$url/api/v1/strategies" | python3 -c "import json,sys; print(','.join(str(s['barsProcessed']) for s in json.load(sys.stdin)['items']))" 2>/dev/null || true; }
base=$(bars)
if [[ $victim == *":21111@"* ]]; then kill -9 "$p1"; else kill -9 "$p2"; fi
t0=$(date +%s.%N); echo "killed $victim; bars processed at the kill: $base"
dead=""; progressing=""
while [[ -z $dead || -z $progressing ]]; do
  now=$(date +%s.%N)
  if [[ -z $dead ]] && curl -s --max-time 5 "$url/api/v1/cluster" | python3 -c "import json,sys; d=json.load(sys.stdin); sys.exit(0 if any(s['address']=='$victim' and s['status']=='Dead' for s in d['silos']) else 1)" 2>/dev/null; then
    dead=$(python3 -c "print(f'{$(date +%s.%N) - $t0:.2f}')"); echo "declared Dead after $dead s (time of the answer)"
  fi
  if [[ -z $progressing ]] && python3 -c "
b=[int(x) for x in '$base'.split(',')]; c=[int(x) for x in '$(bars)'.split(',') if x]
import sys; sys.exit(0 if len(c)==len(b) and all(y>x+20 for x,y in zip(b,c)) else 1)"; then
    progressing=$(python3 -c "print(f'{$(date +%s.%N) - $t0:.2f}')"); echo "every strategy 20 bars past the kill after $progressing s (time of the answer)"
  fi
  if python3 -c "import sys; sys.exit(0 if $now - $t0 > 60 else 1)"; then echo "not within 60 s"; exit 1; fi
  sleep 0.2
done

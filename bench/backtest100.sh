#!/usr/bin/env bash
# The 100-strategy headless backtest as a user runs it (whole process, outputs written): the first 100 specs of the
# benchmark mix (bench/Trading/StrategyMix.cs: the seven kinds in turn over their parameter grids) on the bundled
# S&P 500 file (5,105 daily bars). Prints wall seconds, peak RSS (MiB), strategy-bars per second and the size of
# each output file.
#
#   bench/backtest100.sh [silo-dll] [runs]     # default: this checkout's Release build, 3 runs
#
# Needs /usr/bin/time and python3. Compare two builds by running the script with each silo dll, interleaved.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dll="${1:-$repo/silo/bin/Release/net10.0/TradingRobotPlug.Silo.dll}"; runs="${2:-3}"
mapfile -t specs < <(python3 - <<'PY'
grids = [
  [f"sma-cross:fast={f},slow={s}" for f in (5,10,20,30,50) for s in (50,100,150,200) if f < s],
  [f"ema-cross:fast={f},slow={s}" for f in (5,8,12,20) for s in (26,50,100)],
  [f"rsi-reversion:period={p},lower={l},upper={u}" for p in (7,14,21) for l in (20,25,30) for u in (70,75,80)],
  [f"macd-cross:fast={f},slow={s},signal={g}" for f in (8,12) for s in (21,26,35) for g in (5,9)],
  [f"bollinger-reversion:period={p},k={k}" for p in (10,20,30) for k in ("1.5","2","2.5")],
  [f"donchian-breakout:entry={e},exit={x}" for e in (20,40,55) for x in (10,20) if x < e],
  ["buy-and-hold"],
]
for i in range(100):
    g = grids[i % len(grids)]
    print(g[(i // len(grids)) % len(g)])
PY
)
args=(); for s in "${specs[@]}"; do args+=(--strategy "$s"); done
for ((r = 1; r <= runs; r++)); do
  out=$(mktemp -d)
  /usr/bin/time -f "%e %M" -o "$out/time" dotnet "$dll" backtest "${args[@]}" --fee-bps 1 --slippage-bps 1 --out "$out/o" >"$out/log" 2>&1 || { echo "run $r failed:"; tail -5 "$out/log"; exit 1; }
  read -r secs kib <"$out/time"
  sizes=$(cd "$out/o" && for f in summary.json trades.csv equity.csv buckets.csv; do printf '%s=%s ' "$f" "$(stat -c %s "$f")"; done)
  python3 -c "print(f'run $r: {float(\"$secs\"):.2f} s wall, {int(\"$kib\")/1024:.0f} MiB peak RSS, {510500/float(\"$secs\"):,.0f} strategy-bars/s (whole process); $sizes; load {open(\"/proc/loadavg\").read().split()[0]}')"
  rm -rf "$out"
done

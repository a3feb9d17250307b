using System.Collections.Immutable;
using System.Globalization;
using TradingRobotPlug.GrainInterfaces.Market;
using TradingRobotPlug.GrainInterfaces.Strategies;
using TradingRobotPlug.Grains.Strategies;

namespace TradingRobotPlug.Benchmarks.Trading;

/// <summary>
/// A deterministic mix of strategy settings for the trading benchmarks: the seven kinds taken in turn, each with its
/// own grid of parameters (so no two strategies of a kind are alike until a grid runs out and starts again), and fees
/// varied from 0 to 2 bps. Every spec is checked against <see cref="StrategyRegistry.Default"/>.
/// </summary>
public static class StrategyMix
{
    /// <summary>Starting capital of every strategy.</summary>
    public const decimal InitialCapital = 100_000m;

    private static readonly string[][] Grids =
    [
        [.. Pairs(new[] { 5, 10, 20, 30, 50 }, new[] { 50, 100, 150, 200 }, (f, s) => f < s ? $"sma-cross:fast={f},slow={s}" : null)],
        [.. Pairs(new[] { 5, 8, 12, 20 }, new[] { 26, 50, 100 }, (f, s) => $"ema-cross:fast={f},slow={s}")],
        [.. Triples(new[] { 7, 14, 21 }, new[] { 20, 25, 30 }, new[] { 70, 75, 80 }, (p, l, u) => $"rsi-reversion:period={p},lower={l},upper={u}")],
        [.. Triples(new[] { 8, 12 }, new[] { 21, 26, 35 }, new[] { 5, 9 }, (f, s, g) => $"macd-cross:fast={f},slow={s},signal={g}")],
        [.. Pairs(new[] { 10, 20, 30 }, new[] { "1.5", "2", "2.5" }, (p, k) => $"bollinger-reversion:period={p},k={k}")],
        [.. Pairs(new[] { 20, 40, 55 }, new[] { 10, 20 }, (e, x) => x < e ? $"donchian-breakout:entry={e},exit={x}" : null)],
        ["buy-and-hold"],
    ];

    /// <summary>The first <paramref name="count"/> settings of the mix, all trading <paramref name="instrumentOf"/>(i).</summary>
    /// <exception cref="InvalidOperationException">A spec of the mix is not valid for the registry.</exception>
    public static IReadOnlyList<StrategySettings> Create(int count, Func<int, InstrumentId> instrumentOf, Timeframe timeframe)
    {
        ArgumentNullException.ThrowIfNull(instrumentOf);
        var registry = StrategyRegistry.Default;
        var result = new List<StrategySettings>(count);
        for (int i = 0; i < count; i++)
        {
            var grid = Grids[i % Grids.Length];
            var spec = grid[(i / Grids.Length) % grid.Length];
            var errors = registry.GetErrors(spec);
            if (errors.Count > 0)
            {
                throw new InvalidOperationException($"Benchmark strategy '{spec}' is invalid: {string.Join("; ", errors)}");
            }

            decimal feeBps = i % 3;
            result.Add(new StrategySettings(spec, ImmutableArray.Create(instrumentOf(i)), timeframe, InitialCapital, "all-in", feeBps, 0m, 0m, 1m));
        }

        return result;
    }

    /// <summary>Number of distinct specs in the mix.</summary>
    public static int DistinctSpecs => Grids.Sum(g => g.Length);

    private static IEnumerable<string> Pairs<TA, TB>(TA[] a, TB[] b, Func<TA, TB, string?> make)
        => from x in a from y in b let s = make(x, y) where s is not null select s;

    private static IEnumerable<string> Triples(int[] a, int[] b, int[] c, Func<int, int, int, string> make)
        => from x in a from y in b from z in c select make(x, y, z);

    /// <summary>Formats a count with thousands separators (invariant culture).</summary>
    internal static string N0(double value) => value.ToString("N0", CultureInfo.InvariantCulture);
}

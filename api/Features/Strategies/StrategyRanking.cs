namespace TradingRobotPlug.Api.Features.Strategies;

/// <summary>Sorts strategy summaries by a named metric; undefined (null) values sort last in either order, ties by id.</summary>
public static class StrategyRanking
{
    private static readonly Dictionary<string, Func<StrategySummary, IComparable?>> Keys = new(StringComparer.OrdinalIgnoreCase)
    {
        ["id"] = s => s.Id.ToString(),
        ["spec"] = s => s.Spec,
        ["status"] = s => s.Status.ToString(),
        ["cash"] = s => s.Cash,
        ["equity"] = s => s.Equity,
        ["netPnl"] = s => s.NetPnl,
        ["totalReturn"] = s => s.TotalReturn,
        ["sharpe"] = s => s.Sharpe,
        ["sortino"] = s => s.Sortino,
        ["maxDrawdown"] = s => s.MaxDrawdown,
        ["trades"] = s => s.Trades,
        ["winRate"] = s => s.WinRate,
        ["profitFactor"] = s => s.ProfitFactor,
        ["barsProcessed"] = s => s.BarsProcessed,
        ["lastBarTime"] = s => s.LastBarTime,
        ["realizedPnl"] = s => s.RealizedPnl,
        ["excessReturn"] = s => s.ExcessReturn,
        ["alpha"] = s => s.Alpha,
        ["beta"] = s => s.Beta,
        ["informationRatio"] = s => s.InformationRatio,
    };

    /// <summary>The accepted sort keys.</summary>
    public static IEnumerable<string> SortKeys => Keys.Keys;

    /// <summary>Whether <paramref name="sort"/> names a sort key (case-insensitive).</summary>
    public static bool IsKnown(string sort) => Keys.ContainsKey(sort);

    /// <summary>Sorts by <paramref name="sort"/>, descending when <paramref name="descending"/>.</summary>
    /// <exception cref="KeyNotFoundException"><paramref name="sort"/> is not a sort key.</exception>
    public static List<StrategySummary> Sort(IEnumerable<StrategySummary> items, string sort, bool descending)
    {
        var key = Keys[sort];
        var list = items.ToList();
        list.Sort((a, b) =>
        {
            var x = key(a);
            var y = key(b);
            int c = (x, y) switch
            {
                (null, null) => 0,
                (null, _) => 1,
                (_, null) => -1,
                _ => descending ? y.CompareTo(x) : x.CompareTo(y),
            };
            return c != 0 ? c : string.CompareOrdinal(a.Id.ToString(), b.Id.ToString());
        });
        return list;
    }
}

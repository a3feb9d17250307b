using TradingRobotPlug.Grains.Metrics;

namespace TradingRobotPlug.Grains.Tests.Metrics;

/// <summary>
/// Reference implementation: every figure computed over the whole history at once, straight from the definitions in
/// docs/metrics.md, sharing no code with <see cref="MetricsAccumulator"/> (two-pass variance, sorting for the
/// percentile, explicit grouping by UTC day).
/// </summary>
internal static class BatchMetrics
{
    private const double Year = 252.0;

    public static MetricsSnapshot Compute(
        IEnumerable<ClosedTrade> trades,
        IEnumerable<EquityMark> marks,
        decimal? startingCapital,
        BucketPeriod period = default)
    {
        var tradeList = trades.ToList();
        var markList = marks.OrderBy(m => m.Time).ToList();

        // ---- trades ----
        var wins = tradeList.Where(t => t.NetPnl > 0).Select(t => t.NetPnl).ToList();
        var losses = tradeList.Where(t => t.NetPnl < 0).Select(t => t.NetPnl).ToList();
        int n = tradeList.Count;
        decimal grossProfit = wins.Sum();
        decimal grossLoss = losses.Sum();
        decimal? avgWin = wins.Count > 0 ? grossProfit / wins.Count : null;
        decimal? avgLoss = losses.Count > 0 ? grossLoss / losses.Count : null;
        decimal? expectancy = null;
        if (n > 0)
        {
            // win rate × avg win − loss rate × |avg loss|, rates in decimal to stay in money arithmetic.
            decimal winPart = wins.Count > 0 ? (decimal)wins.Count / n * avgWin!.Value : 0m;
            decimal lossPart = losses.Count > 0 ? (decimal)losses.Count / n * Math.Abs(avgLoss!.Value) : 0m;
            expectancy = winPart - lossPart;
        }

        // ---- equity path: [starting capital] + marks ----
        decimal? startEquity = startingCapital ?? (markList.Count > 0 ? markList[0].Equity : null);
        decimal? peak = null;
        decimal? maxDdAmount = null;
        double? maxDd = null;
        if (markList.Count > 0)
        {
            decimal running = startingCapital ?? markList[0].Equity;
            maxDdAmount = 0m;
            maxDd = 0.0;
            foreach (var m in markList)
            {
                running = Math.Max(running, m.Equity);
                maxDdAmount = Math.Max(maxDdAmount.Value, running - m.Equity);
                maxDd = Math.Max(maxDd.Value, -(double)(m.Equity / running - 1m));
            }

            peak = running;
        }

        // ---- daily returns of end-of-day equity ----
        var closes = markList
            .GroupBy(m => m.Time.UtcDateTime.Date)
            .OrderBy(g => g.Key)
            .Select(g => g.OrderBy(m => m.Time).Last().Equity)
            .ToList();
        var returns = new List<double>();
        decimal? previous = startEquity;
        foreach (var close in closes)
        {
            returns.Add((double)(close / previous!.Value - 1m));
            previous = close;
        }

        int days = returns.Count;
        double? mean = days > 0 ? returns.Sum() / days : null;
        double m2 = days > 0 ? returns.Sum(r => (r - mean!.Value) * (r - mean!.Value)) : 0.0;
        double? std = days >= 2 ? Math.Sqrt(m2 / (days - 1)) : null;
        double downsideSquares = returns.Sum(r => Math.Min(r, 0.0) * Math.Min(r, 0.0));
        double? downsideRisk = days > 0 ? Math.Sqrt(downsideSquares / days) * Math.Sqrt(Year) : null;
        decimal? end = markList.Count > 0 ? markList[^1].Equity : null;
        double? growth = end is not null ? (double)(end.Value / startEquity!.Value) : null;
        double? cagr = days > 0 ? Math.Pow(growth!.Value, Year / days) - 1 : null;

        double? var95 = null;
        double? cvar95 = null;
        if (days > 0)
        {
            var sorted = returns.OrderBy(r => r).ToArray();
            double h = (days - 1) * 0.05;
            int lo = (int)Math.Floor(h);
            int hi = Math.Min(lo + 1, days - 1);
            double g = h - lo;
            double a = sorted[lo];
            double b = sorted[hi];
            // numpy _lerp
            var95 = g >= 0.5 ? b - (b - a) * (1 - g) : a + (b - a) * g;
            cvar95 = returns.Where(r => r <= var95.Value).Average();
        }

        return new MetricsSnapshot
        {
            Period = period,
            Trades = n,
            Wins = wins.Count,
            Losses = losses.Count,
            Breakevens = n - wins.Count - losses.Count,
            WinRate = n > 0 ? (double)wins.Count / n : null,
            GrossProfit = grossProfit,
            GrossLoss = grossLoss,
            ProfitFactor = losses.Count > 0 ? (double)grossProfit / (double)Math.Abs(grossLoss) : null,
            RealizedPnl = grossProfit + grossLoss,
            Fees = tradeList.Sum(t => t.Fees),
            AverageWin = avgWin,
            AverageLoss = avgLoss,
            Expectancy = expectancy,
            LargestWin = wins.Count > 0 ? wins.Max() : null,
            LargestLoss = losses.Count > 0 ? losses.Min() : null,
            AverageTradeReturn = n > 0 ? tradeList.Average(t => t.Return) : null,
            AverageHoldingTime = n > 0 ? TimeSpan.FromTicks(tradeList.Sum(t => (t.ExitTime - t.EntryTime).Ticks) / n) : null,
            Marks = markList.Count,
            LastMarkTime = markList.Count > 0 ? markList[^1].Time : null,
            StartEquity = startEquity,
            EndEquity = end,
            PeakEquity = peak,
            MaxDrawdownAmount = maxDdAmount,
            MaxDrawdown = maxDd,
            Exposure = markList.Count > 0 ? (double)markList.Count(m => m.InMarket) / markList.Count : null,
            DailyReturnMoments = new ReturnMoments(days, mean ?? 0.0, m2, downsideSquares),
            MeanDailyReturn = mean,
            Volatility = std * Math.Sqrt(Year),
            DownsideRisk = downsideRisk,
            Sharpe = std is > 0 ? mean / std * Math.Sqrt(Year) : null,
            Sortino = downsideSquares > 0 ? mean * Year / downsideRisk : null,
            TotalReturn = growth - 1,
            Cagr = cagr,
            Calmar = maxDd is > 0 ? cagr / maxDd : null,
            ValueAtRisk95 = var95,
            ConditionalValueAtRisk95 = cvar95,
            NetPnl = end - startEquity,
        };
    }
}

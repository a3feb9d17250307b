using TradingRobotPlug.GrainInterfaces.Market;
using TradingRobotPlug.GrainInterfaces.Metrics;
using TradingRobotPlug.GrainInterfaces.Strategies;
using TradingRobotPlug.GrainInterfaces.Trading;
using TradingRobotPlug.Grains.Engine;
using TradingRobotPlug.Grains.Strategies;

namespace TradingRobotPlug.Grains.Tests.Engine;

/// <summary>
/// Issue 10, defect 3: a daily bar's mark belongs to its trading date (the period containing [open, close)), not to the
/// next calendar day at 00:00 UTC where the bar closes. Bars around a month, quarter and year end.
/// </summary>
public sealed class TradingDateBucketTests
{
    private static readonly InstrumentId Spx = InstrumentId.Parse("SPX");

    private static DateTimeOffset Utc(int year, int month, int day) => new(year, month, day, 0, 0, 0, TimeSpan.Zero);

    private static StrategyEngine Run(Timeframe timeframe, params DateTimeOffset[] opens)
    {
        var engine = new StrategyEngine(StrategyId.Parse("dates"), new StrategySettings("buy-and-hold", [Spx], timeframe, 10_000m), StrategyRegistry.Default);
        decimal price = 100m;
        foreach (var open in opens)
        {
            engine.OnBar(Bar.Create(Spx, timeframe, open, price, price + 1m, price - 1m, price, 1_000m));
            price += 1m;
        }

        return engine;
    }

    [Fact]
    public void The_last_bar_of_a_year_is_marked_on_its_trading_date_and_lands_in_that_year_quarter_and_month()
    {
        // Fri 2001-12-28, Mon 2001-12-31, Wed 2002-01-02: the 12-31 bar closes at 2002-01-01 00:00 UTC.
        var engine = Run(Timeframe.OneDay, Utc(2001, 12, 28), Utc(2001, 12, 31), Utc(2002, 1, 2));

        Assert.Equal([Utc(2001, 12, 28), Utc(2001, 12, 31), Utc(2002, 1, 2)], engine.EquityCurve.Select(p => p.Time));
        Assert.Equal(Utc(2002, 1, 2), engine.LastBarTime);

        foreach (var (level, start2001) in new[]
                 {
                     (BucketLevel.Yearly, Utc(2001, 1, 1)),
                     (BucketLevel.Quarterly, Utc(2001, 10, 1)),
                     (BucketLevel.Monthly, Utc(2001, 12, 1)),
                 })
        {
            var closed = Assert.Single(engine.Metrics.DrainClosed(level));
            Assert.Equal(start2001, closed.Period.Start);
            Assert.Equal(2, closed.Marks);
            Assert.Equal(Utc(2001, 12, 31), closed.LastMarkTime);
            var open = engine.Metrics.OpenSnapshot(level)!;
            Assert.Equal(Utc(2002, 1, 1), open.Period.Start);
            Assert.Equal(1, open.Marks);
        }

        // One daily bucket per trading date, named by that date: none on a Saturday or on 2002-01-01.
        var days = engine.Metrics.DrainClosed(BucketLevel.Daily).Append(engine.Metrics.OpenSnapshot(BucketLevel.Daily)!).ToArray();
        Assert.Equal([Utc(2001, 12, 28), Utc(2001, 12, 31), Utc(2002, 1, 2)], days.Select(d => d.Period.Start));
        Assert.All(days, d => Assert.Equal(1, d.Marks));
    }

    [Fact]
    public void A_quarter_end_bar_is_in_its_quarter_and_the_first_trade_fill_lands_on_the_next_trading_date()
    {
        // Thu 2020-03-30, Tue 2020-03-31, Wed 2020-04-01. Buy-and-hold decides on the first close and fills at the next open.
        var engine = Run(Timeframe.OneDay, Utc(2020, 3, 30), Utc(2020, 3, 31), Utc(2020, 4, 1));
        var q1 = Assert.Single(engine.Metrics.DrainClosed(BucketLevel.Quarterly));
        Assert.Equal(Utc(2020, 1, 1), q1.Period.Start);
        Assert.Equal(2, q1.Marks);
        Assert.Equal(Utc(2020, 3, 31), q1.LastMarkTime);
        Assert.Equal(Utc(2020, 3, 31), engine.OpenTrade!.EntryTime);
    }

    [Fact]
    public void Daily_bars_keep_no_hourly_level_and_intraday_bars_keep_it()
    {
        var daily = Run(Timeframe.OneDay, Utc(2020, 3, 30), Utc(2020, 3, 31));
        Assert.DoesNotContain(BucketLevel.Hourly, daily.Metrics.Levels);
        Assert.Null(daily.Metrics.OpenSnapshot(BucketLevel.Hourly));
        Assert.Equal([BucketLevel.Trade, BucketLevel.Daily, BucketLevel.Weekly, BucketLevel.Monthly, BucketLevel.Quarterly, BucketLevel.Yearly, BucketLevel.AllTime], daily.Metrics.Levels);

        // 1-minute bars 09:58, 09:59, 10:00: the 09:59 bar closes at 10:00 but belongs to the 09:00 hour.
        var minute = Run(Timeframe.OneMinute, Utc(2020, 3, 30).AddHours(9).AddMinutes(58), Utc(2020, 3, 30).AddHours(9).AddMinutes(59), Utc(2020, 3, 30).AddHours(10));
        Assert.Contains(BucketLevel.Hourly, minute.Metrics.Levels);
        var nine = Assert.Single(minute.Metrics.DrainClosed(BucketLevel.Hourly));
        Assert.Equal(Utc(2020, 3, 30).AddHours(9), nine.Period.Start);
        Assert.Equal(2, nine.Marks);
        Assert.Equal(1, minute.Metrics.OpenSnapshot(BucketLevel.Hourly)!.Marks);
    }
}

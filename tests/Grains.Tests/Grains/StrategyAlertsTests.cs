using TradingRobotPlug.GrainInterfaces.Alerts;
using TradingRobotPlug.GrainInterfaces.Grains;
using TradingRobotPlug.GrainInterfaces.Market;
using TradingRobotPlug.GrainInterfaces.Strategies;
using TradingRobotPlug.GrainInterfaces.Trading;
using TradingRobotPlug.Grains.MarketData;
using Orleans.TestingHost;
using TradingRobotPlug.Grains.Tests.Infrastructure;

namespace TradingRobotPlug.Grains.Tests.Grains;

public sealed class StrategyAlertsTests : IAsyncLifetime
{
    private static readonly InstrumentId Spx = InstrumentId.Parse("SPX");
    private InProcessTestCluster _cluster = null!;
    private List<Bar> _bars = null!;

    public async Task InitializeAsync()
    {
        _cluster = await TradingTestCluster.StartAsync();
        _bars = new OhlcvCsvReader(Spx).ReadAll(Path.Combine(AppContext.BaseDirectory, "data", "sp500-daily-2000-2020.csv")).ToList();
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    /// <summary>
    /// Times at which an alert with hysteresis fires: the value is unsafe while the alert is armed; it then stays
    /// disarmed until the value satisfies the (stricter) re-arm condition.
    /// </summary>
    private static List<DateTimeOffset> Entries(IEnumerable<(DateTimeOffset Time, bool Unsafe, bool Rearm)> series)
    {
        var entries = new List<DateTimeOffset>();
        bool armed = true;
        foreach (var (time, beyond, rearm) in series)
        {
            if (!armed)
            {
                armed = rearm;
            }
            else if (beyond)
            {
                entries.Add(time);
                armed = false;
            }
        }

        return entries;
    }

    [Fact]
    public async Task A_strategy_on_real_data_raises_each_alert_once_per_crossing_of_its_equity_curve()
    {
        const decimal capital = 100_000m;
        var thresholds = new AlertThresholds(MaxDrawdown: 0.10, DailyLoss: 2_500m, MinWinRate: 0.75, MinTrades: 3);
        var grain = _cluster.Client.GetGrain<IStrategyGrain>("alerts-sma");
        await grain.Create(new StrategySettings("sma-cross:fast=50,slow=200", [Spx], Timeframe.OneDay, capital, FeeBps: 5m));
        await grain.SetAlertThresholds(thresholds);
        Assert.Equal(thresholds, await grain.GetAlertThresholds());
        await grain.Start();
        var instrument = _cluster.Client.GetGrain<IInstrumentGrain>(Spx.Symbol);
        foreach (var chunk in _bars.Chunk(700))
        {
            await instrument.PublishBars([.. chunk]);
        }

        await grain.WaitForBars(_bars.Count).WaitAsync(TimeSpan.FromSeconds(60));
        var curve = await grain.GetEquityCurve();
        var closed = (await grain.GetTrades()).Where(t => t.ExitTime is not null).OrderBy(t => t.ExitTime).ToList();

        // Drawdown series: running peak from the starting capital.
        var peaks = new List<decimal>();
        decimal peak = capital;
        foreach (var p in curve)
        {
            peak = Math.Max(peak, p.Equity);
            peaks.Add(peak);
        }

        // Drawdown: raised at 10 %, re-armed at 5 % or less (AlertMonitor.DrawdownRearmFraction).
        var drawdown = Entries(curve.Select((p, i) => (double)((peaks[i] - p.Equity) / peaks[i])).Select((dd, i) => (curve[i].Time, dd >= thresholds.MaxDrawdown!.Value, dd <= thresholds.MaxDrawdown!.Value * 0.5)));

        // Daily loss: each bar closes on its own UTC day, so every mark opens a day whose opening equity is the
        // previous close (the capital for the first), and every day re-arms: each losing day at or past the threshold counts.
        Assert.Equal(curve.Length, curve.Select(p => p.Time.UtcDateTime.Date).Distinct().Count());
        var dailyLoss = curve.Where((p, i) => (i == 0 ? capital : curve[i - 1].Equity) - p.Equity >= thresholds.DailyLoss!.Value).Select(p => p.Time).ToList();

        // Win rate at each mark over the trades closed by then, once MinTrades have closed; re-armed 5 points above. A trade exits at a bar's
        // open, and that bar's mark carries the same time (a mark is labelled with its bar's open time), after the fill.
        var winRate = Entries(curve
            .Select(p => closed.Where(t => t.ExitTime <= p.Time).ToList())
            .Select((done, i) => (curve[i].Time, Done: done))
            .Where(x => x.Done.Count >= thresholds.MinTrades)
            .Select(x => (double)x.Done.Count(t => t.Pnl > 0) / x.Done.Count is var rate ? (x.Time, rate < thresholds.MinWinRate!.Value, rate >= thresholds.MinWinRate!.Value + 0.05) : default));

        Assert.True(drawdown.Count >= 2, $"drawdown crossings: {drawdown.Count}");
        Assert.True(dailyLoss.Count >= 2, $"daily loss days: {dailyLoss.Count}");
        Assert.True(winRate.Count >= 1, $"win rate crossings: {winRate.Count}");

        var alerts = await grain.GetAlerts();
        Assert.Equal(drawdown, alerts.Where(a => a.Kind == AlertKind.MaxDrawdown).Select(a => a.Time));
        Assert.Equal(dailyLoss, alerts.Where(a => a.Kind == AlertKind.DailyLoss).Select(a => a.Time));
        Assert.Equal(winRate, alerts.Where(a => a.Kind == AlertKind.WinRateBelow).Select(a => a.Time));
        Assert.All(alerts, a => Assert.Equal(StrategyId.Parse("alerts-sma"), a.Strategy));
    }
}

using Orleans;
using Orleans.Runtime;
using Orleans.TestingHost;
using TradingRobotPlug.GrainInterfaces.Experiments;
using TradingRobotPlug.GrainInterfaces.Grains;
using TradingRobotPlug.GrainInterfaces.Market;
using TradingRobotPlug.GrainInterfaces.Strategies;
using TradingRobotPlug.GrainInterfaces.Trading;
using TradingRobotPlug.Grains.MarketData;
using TradingRobotPlug.Grains.Tests.Infrastructure;

namespace TradingRobotPlug.Grains.Tests.Experiments;

/// <summary>The experiment grain end to end on a test cluster: two strategies on real bars, paired by the grain from the stream.</summary>
public sealed class ExperimentGrainTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await TradingTestCluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private static List<Bar> Bars(InstrumentId instrument, int count)
        => [.. new OhlcvCsvReader(instrument).ReadAll(Path.Combine(AppContext.BaseDirectory, "data", "sp500-daily-2000-2020.csv")).Take(count)];

    private async Task CreateStrategyAsync(string id, string spec, InstrumentId instrument, decimal capital)
    {
        var grain = _cluster.Client.GetGrain<IStrategyGrain>(id);
        await grain.Create(new StrategySettings(spec, [instrument], Timeframe.OneDay, capital, FeeBps: 1m, Name: "trend", Version: id.EndsWith('c') ? "1.0" : "1.1"));
        await grain.Start();
    }

    [Fact]
    public async Task Two_arms_on_real_bars_match_the_batch_reference_whether_created_before_or_during_the_replay()
    {
        var spx = InstrumentId.Parse("EXPA");
        var bars = Bars(spx, 900);
        await CreateStrategyAsync("eg-c", "sma-cross:fast=50,slow=200", spx, 100_000m);
        await CreateStrategyAsync("eg-t", "sma-cross:fast=20,slow=100", spx, 80_000m);
        var early = _cluster.Client.GetGrain<IExperimentGrain>("eg-early");
        var created = await early.Create(new ExperimentSettings("trend", StrategyId.Parse("eg-c"), StrategyId.Parse("eg-t")));
        Assert.Equal(ExperimentStatus.Running, created.Status);
        Assert.Equal(0, created.Result!.Days);
        Assert.Equal(created, await early.Create(new ExperimentSettings("trend", StrategyId.Parse("eg-c"), StrategyId.Parse("eg-t")))); // idempotent

        var instrument = _cluster.Client.GetGrain<IInstrumentGrain>(spx.Symbol);
        await instrument.PublishBars([.. bars.Take(400)]);
        await _cluster.Client.GetGrain<IStrategyGrain>("eg-c").WaitForBars(400).WaitAsync(Timeout);
        await _cluster.Client.GetGrain<IStrategyGrain>("eg-t").WaitForBars(400).WaitAsync(Timeout);

        // created part way: catches up from the arms' equity curves, then follows the stream
        var late = _cluster.Client.GetGrain<IExperimentGrain>("eg-late");
        await late.Create(new ExperimentSettings("trend late", StrategyId.Parse("eg-c"), StrategyId.Parse("eg-t")));
        foreach (var chunk in bars.Skip(400).Chunk(128))
        {
            await instrument.PublishBars([.. chunk]);
        }

        var last = bars[^1].OpenTime;
        var waited = await early.WaitForMarks(last).WaitAsync(Timeout);
        Assert.Equal(bars.Count - 1, waited.Result!.Days); // the last trading date is still open
        await late.WaitForMarks(last).WaitAsync(Timeout);
        var stopped = await early.Stop();
        var lateStopped = await late.Stop();
        Assert.Equal(ExperimentStatus.Stopped, stopped.Status);
        await Assert.ThrowsAsync<InvalidOperationException>(() => early.Stop());

        var c = await _cluster.Client.GetGrain<IStrategyGrain>("eg-c").GetEquityCurve();
        var t = await _cluster.Client.GetGrain<IStrategyGrain>("eg-t").GetEquityCurve();
        var r = ExperimentReference.FromEquity([.. c.Select(p => (p.Time, p.Equity))], 100_000m, [.. t.Select(p => (p.Time, p.Equity))], 80_000m);
        foreach (var result in new[] { stopped.Result!, lateStopped.Result! })
        {
            Assert.Equal(bars.Count, result.Days);
            Assert.Equal(r.N, result.Days);
            Assert.Equal(DateOnly.FromDateTime(bars[0].OpenTime.UtcDateTime), result.FirstDate);
            Assert.Equal(DateOnly.FromDateTime(bars[^1].OpenTime.UtcDateTime), result.LastDate);
            Assert.Equal(r.MeanDifference!.Value, result.MeanDifference!.Value, 14);
            Assert.Equal(r.CiLow!.Value, result.CiLow!.Value, 12);
            Assert.Equal(r.CiHigh!.Value, result.CiHigh!.Value, 12);
            Assert.Equal(r.T!.Value, result.T!.Value, 9);
            Assert.Equal(r.P!.Value, result.PValue!.Value, 9);
            Assert.Equal(r.Z!.Value, result.SharpeDifferenceZ!.Value, 9);
            Assert.Equal(r.ZP!.Value, result.SharpeDifferenceP!.Value, 9);
            Assert.Equal(r.DaysNeeded, result.DaysNeeded);
            Assert.Equal(r.DailySharpeControl!.Value, result.Control.DailySharpe!.Value, 12);
            Assert.Equal((double)(c[^1].Equity / 100_000m - 1m), result.Control.TotalReturn!.Value, 15);
            Assert.Equal((double)(t[^1].Equity / 80_000m - 1m), result.Treatment.TotalReturn!.Value, 15);
        }

        // the strategy's metrics agree: same daily returns, same annualised Sharpe
        var snapshot = await _cluster.Client.GetGrain<IStrategyGrain>("eg-c").GetSnapshot();
        Assert.Equal(snapshot.Metrics!.Sharpe!.Value, stopped.Result!.Control.Sharpe!.Value, 9);
        Assert.Equal("trend", snapshot.Settings!.Name);
        Assert.Equal("1.0", snapshot.Settings.Version);

        var listed = await _cluster.Client.GetGrain<IExperimentDirectoryGrain>(IExperimentDirectoryGrain.Key).List();
        Assert.Contains("eg-early", listed);
        Assert.Contains("eg-late", listed);
    }

    [Fact]
    public async Task A_collected_experiment_refolds_its_arms_curves_running_and_stopped()
    {
        var instrument = InstrumentId.Parse("EXPD");
        var bars = Bars(instrument, 500);
        await CreateStrategyAsync("ed-c", "sma-cross:fast=10,slow=50", instrument, 100_000m);
        await CreateStrategyAsync("ed-t", "ema-cross:fast=10,slow=50", instrument, 100_000m);
        var grain = _cluster.Client.GetGrain<IExperimentGrain>("ed");
        await grain.Create(new ExperimentSettings("refold", StrategyId.Parse("ed-c"), StrategyId.Parse("ed-t")));
        var publisher = _cluster.Client.GetGrain<IInstrumentGrain>(instrument.Symbol);
        await publisher.PublishBars([.. bars.Take(250)]);
        await grain.WaitForMarks(bars[249].OpenTime).WaitAsync(Timeout);

        var management = _cluster.Client.GetGrain<IManagementGrain>(0);
        await management.ForceActivationCollection(TimeSpan.Zero);
        await _cluster.WaitForDeactivationAsync(grain).WaitAsync(Timeout);

        await publisher.PublishBars([.. bars.Skip(250)]);
        await grain.WaitForMarks(bars[^1].OpenTime).WaitAsync(Timeout);
        var stopped = await grain.Stop();
        var c = await _cluster.Client.GetGrain<IStrategyGrain>("ed-c").GetEquityCurve();
        var t = await _cluster.Client.GetGrain<IStrategyGrain>("ed-t").GetEquityCurve();
        var r = ExperimentReference.FromEquity([.. c.Select(p => (p.Time, p.Equity))], 100_000m, [.. t.Select(p => (p.Time, p.Equity))], 100_000m);
        Assert.Equal(bars.Count, stopped.Result!.Days);
        Assert.Equal(r.T!.Value, stopped.Result.T!.Value, 9);
        Assert.Equal(r.Z!.Value, stopped.Result.SharpeDifferenceZ!.Value, 9);

        await management.ForceActivationCollection(TimeSpan.Zero);
        await _cluster.WaitForDeactivationAsync(grain).WaitAsync(Timeout);
        Assert.Equal(stopped, await grain.GetSnapshot()); // refolded up to the stop marks
    }

    [Fact]
    public async Task Invalid_experiments_are_refused_naming_the_field()
    {
        var a = InstrumentId.Parse("EXPB");
        var b = InstrumentId.Parse("EXPC");
        await CreateStrategyAsync("eb-c", "sma-cross:fast=5,slow=20", a, 10_000m);
        await CreateStrategyAsync("eb-t", "sma-cross:fast=10,slow=30", a, 10_000m);
        await CreateStrategyAsync("eb-other", "sma-cross:fast=10,slow=30", b, 10_000m);
        var grain = _cluster.Client.GetGrain<IExperimentGrain>("eb");
        var c = StrategyId.Parse("eb-c");

        await AssertFieldAsync("control", () => grain.Create(new ExperimentSettings("x", StrategyId.Parse("eb-none"), c)));
        await AssertFieldAsync("treatment", () => grain.Create(new ExperimentSettings("x", c, c)));
        await AssertFieldAsync("treatment", () => grain.Create(new ExperimentSettings("x", c, StrategyId.Parse("eb-other"))));
        await AssertFieldAsync("name", () => grain.Create(new ExperimentSettings("-bad", c, StrategyId.Parse("eb-t"))));
        Assert.Equal(ExperimentStatus.None, (await grain.GetSnapshot()).Status);
        await Assert.ThrowsAsync<InvalidOperationException>(() => grain.Stop());

        await grain.Create(new ExperimentSettings("x", c, StrategyId.Parse("eb-t")));
        await Assert.ThrowsAsync<InvalidOperationException>(() => grain.Create(new ExperimentSettings("y", c, StrategyId.Parse("eb-t"))));
        var none = await grain.GetSnapshot();
        Assert.Null(none.Result!.T);
        Assert.Null(none.Result.MeanDifference);
        Assert.Null(none.Result.Control.TotalReturn);
    }

    /// <summary>A grain's <see cref="ArgumentException"/> reaches the caller without its ParamName, but with the message's
    /// "(Parameter 'x')" suffix, which the API turns into the field of the 400.</summary>
    private static async Task AssertFieldAsync(string field, Func<Task> call)
    {
        var ex = await Assert.ThrowsAsync<ArgumentException>(call);
        Assert.EndsWith($"(Parameter '{field}')", ex.Message);
    }
}

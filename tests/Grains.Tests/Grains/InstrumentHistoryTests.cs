using System.Collections.Immutable;
using TradingRobotPlug.GrainInterfaces.Grains;
using TradingRobotPlug.GrainInterfaces.Market;
using TradingRobotPlug.Grains.Grains;
using Orleans.TestingHost;
using TradingRobotPlug.Grains.Tests.Infrastructure;

namespace TradingRobotPlug.Grains.Tests.Grains;

/// <summary>
/// The instrument's durable bar history (<see cref="IInstrumentGrain.GetBars"/>): segments of 1,024 bars, ranges and
/// the latest-first limit, paging, aggregation into coarser timeframes, bars built from ticks, and survival of a silo
/// restart on PostgreSQL.
/// </summary>
[Collection(PostgresServerFixture.CollectionName)]
public sealed class InstrumentHistoryTests(PostgresServerFixture postgres)
{
    private static readonly DateTimeOffset Start = new(2024, 3, 4, 0, 0, 0, TimeSpan.Zero);

    /// <summary>n one-minute bars from <see cref="Start"/>; prices vary with i so every bar differs.</summary>
    private static List<Bar> Minutes(InstrumentId instrument, int n)
        => [.. Enumerable.Range(0, n).Select(i =>
        {
            decimal mid = 100m + (i % 97) - (i % 13 * 0.5m);
            return new Bar(instrument, Timeframe.OneMinute, Start.AddMinutes(i), mid, mid + 1m + (i % 5), mid - 1m - (i % 3), mid + 0.25m, 10m + i);
        })];

    private static async Task PublishAsync(IInstrumentGrain grain, IReadOnlyList<Bar> bars, int chunk)
    {
        foreach (var part in bars.Chunk(chunk))
        {
            await grain.PublishBars([.. part]);
        }
    }

    [Fact]
    public async Task GetBars_returns_the_published_bars_across_segments_by_range_and_the_latest_when_limited()
    {
        await using var cluster = await TradingTestCluster.StartAsync();
        var id = InstrumentId.Parse("HISTA");
        var bars = Minutes(id, 3_000); // segments 0, 1 and part of 2
        var grain = cluster.Client.GetGrain<IInstrumentGrain>(id.Symbol);
        await PublishAsync(grain, bars, 700); // chunks straddle segment boundaries

        Assert.Equal(bars.ToArray(), (await grain.GetBars(Timeframe.OneMinute, null, null, 10_000)).ToArray());
        Assert.Equal(bars[^5..].ToArray(), (await grain.GetBars(Timeframe.OneMinute, null, null, 5)).ToArray());
        Assert.Equal(bars[1_000..1_100].ToArray(), (await grain.GetBars(Timeframe.OneMinute, bars[1_000].OpenTime, bars[1_100].OpenTime, 1_000)).ToArray());
        Assert.Equal(bars[1_020..1_030].ToArray(), (await grain.GetBars(Timeframe.OneMinute, bars[1_000].OpenTime, bars[1_030].OpenTime, 10)).ToArray());
        Assert.Empty(await grain.GetBars(Timeframe.OneMinute, bars[^1].OpenTime.AddMinutes(1), null, 10));
        Assert.Equal(3_000, (await grain.GetSnapshot()).Bars);
    }

    [Fact]
    public async Task History_read_in_small_pages_equals_the_whole_history()
    {
        await using var cluster = await TradingTestCluster.StartAsync();
        var id = InstrumentId.Parse("HISTP");
        var bars = Minutes(id, 2_100);
        var grain = cluster.Client.GetGrain<IInstrumentGrain>(id.Symbol);
        await PublishAsync(grain, bars, 512);

        Assert.Equal(bars, await StrategyHistoryReader.ReadAsync(grain, Timeframe.OneMinute, DateTimeOffset.MinValue, pageSize: 97));
        Assert.Equal(bars[1_234..], await StrategyHistoryReader.ReadAsync(grain, Timeframe.OneMinute, bars[1_234].OpenTime, pageSize: 100));
        Assert.Equal(bars[1_234..], await StrategyHistoryReader.ReadAsync(grain, Timeframe.OneMinute, bars[1_233].OpenTime.AddSeconds(1), pageSize: 866));
    }

    [Fact]
    public async Task Coarser_timeframes_are_aggregated_from_the_published_bars_and_finer_ones_are_refused()
    {
        await using var cluster = await TradingTestCluster.StartAsync();
        var id = InstrumentId.Parse("HISTG");
        var bars = Minutes(id, 1_500).Where((_, i) => i % 7 != 3).ToList(); // gaps: aggregation groups by period, not by count
        var grain = cluster.Client.GetGrain<IInstrumentGrain>(id.Symbol);
        await PublishAsync(grain, bars, 400);

        var expectedHours = bars
            .GroupBy(b => Timeframe.OneHour.BarOpenTime(b.OpenTime))
            .Select(g => new Bar(id, Timeframe.OneHour, g.Key, g.First().Open, g.Max(b => b.High), g.Min(b => b.Low), g.Last().Close, g.Sum(b => b.Volume)))
            .ToList();
        Assert.Equal(25, expectedHours.Count); // 1,500 minutes: 25 hours, the last one full
        Assert.Equal(expectedHours.ToArray(), (await grain.GetBars(Timeframe.OneHour, null, null, 100)).ToArray());
        Assert.Equal(expectedHours[^3..].ToArray(), (await grain.GetBars(Timeframe.OneHour, null, null, 3)).ToArray());
        Assert.Equal(expectedHours[2..5].ToArray(), (await grain.GetBars(Timeframe.OneHour, Start.AddMinutes(90), Start.AddHours(5), 100)).ToArray()); // the hours opening in [01:30, 05:00)
        var fifteen = await grain.GetBars(Timeframe.FifteenMinutes, null, null, 1_000);
        Assert.Equal(100, fifteen.Length);
        Assert.Equal(bars.Sum(b => b.Volume), fifteen.Sum(b => b.Volume));
        var days = await grain.GetBars(Timeframe.OneDay, null, null, 5); // 25 hours: a full day and the first hour of the next
        Assert.Equal(2, days.Length);
        var first = bars.Where(b => b.OpenTime < Start.AddDays(1)).ToList();
        Assert.Equal(new Bar(id, Timeframe.OneDay, Start, first[0].Open, first.Max(b => b.High), first.Min(b => b.Low), first[^1].Close, first.Sum(b => b.Volume)), days[0]);
        Assert.Equal(expectedHours[^1] with { Timeframe = Timeframe.OneDay, OpenTime = Start.AddDays(1) }, days[1]);

        var daily = cluster.Client.GetGrain<IInstrumentGrain>("HISTD");
        await daily.PublishBars([new Bar(InstrumentId.Parse("HISTD"), Timeframe.OneDay, Start, 10m, 11m, 9m, 10.5m, 1m)]);
        var refused = await Assert.ThrowsAsync<ArgumentException>(() => daily.GetBars(Timeframe.OneHour, null, null, 10));
        // Orleans carries the exception's type and message across the grain boundary (not ParamName): the message names the field.
        Assert.EndsWith("(Parameter 'timeframe')", refused.Message, StringComparison.Ordinal);
        Assert.Contains("1h", refused.Message, StringComparison.Ordinal);
        Assert.Contains("(Parameter 'maxCount')", (await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => daily.GetBars(Timeframe.OneDay, null, null, 0))).Message, StringComparison.Ordinal);
        Assert.Empty(await cluster.Client.GetGrain<IInstrumentGrain>("HISTE").GetBars(Timeframe.OneHour, null, null, 10));
    }

    [Fact]
    public async Task Bars_built_from_ticks_go_into_the_history()
    {
        await using var cluster = await TradingTestCluster.StartAsync();
        var id = InstrumentId.Parse("HISTT");
        var grain = cluster.Client.GetGrain<IInstrumentGrain>(id.Symbol);
        ImmutableArray<Tick> ticks = [.. Enumerable.Range(0, 30).Select(i => new Tick(id, Start.AddSeconds(20 * i), 50m + i, 1m))];
        await grain.PublishTicks(ticks, Timeframe.OneMinute); // 10 minutes; the last one still in progress

        var history = await grain.GetBars(Timeframe.OneMinute, null, null, 100);
        Assert.Equal(9, history.Length);
        Assert.Equal(new Bar(id, Timeframe.OneMinute, Start, 50m, 52m, 50m, 52m, 3m), history[0]);
        Assert.Equal(Start.AddMinutes(8), history[^1].OpenTime);
    }

    [Fact]
    public async Task History_and_the_bar_in_progress_survive_a_silo_restart_on_PostgreSQL()
    {
        string database = await postgres.CreateDatabaseAsync("history_restart");
        var id = InstrumentId.Parse("HISTR");
        var bars = Minutes(id, 1_300);
        await using (var first = await TradingTestCluster.StartAsync(database))
        {
            var grain = first.Client.GetGrain<IInstrumentGrain>(id.Symbol);
            await PublishAsync(grain, bars[..1_100], 550);
            await grain.PublishTicks([new Tick(id, bars[1_099].CloseTime.AddSeconds(5), 77m, 2m)], Timeframe.OneMinute);
        }

        await using var second = await TradingTestCluster.StartAsync(database);
        var again = second.Client.GetGrain<IInstrumentGrain>(id.Symbol);
        var snapshot = await again.GetSnapshot();
        Assert.Equal((1_100L, 1L, 77m), (snapshot.Bars, snapshot.Ticks, snapshot.LastPrice));
        Assert.Equal(bars[..1_100].ToArray(), (await again.GetBars(Timeframe.OneMinute, null, null, 5_000)).ToArray());

        // The bar in progress was persisted too: the next tick in a later minute finishes it with both ticks in it.
        await again.PublishTicks([new Tick(id, bars[1_099].CloseTime.AddSeconds(30), 79m, 1m), new Tick(id, bars[1_099].CloseTime.AddMinutes(1), 80m, 1m)], Timeframe.OneMinute);
        Assert.Equal(new Bar(id, Timeframe.OneMinute, bars[1_099].CloseTime, 77m, 79m, 77m, 79m, 3m), (await again.GetBars(Timeframe.OneMinute, null, null, 1))[0]);
    }
}

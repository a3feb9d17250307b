using TradingRobotPlug.GrainInterfaces.Grains;
using Orleans.TestingHost;
using TradingRobotPlug.Grains.Tests.Infrastructure;

namespace TradingRobotPlug.Grains.Tests.Grains;

/// <summary><see cref="IMetricsBucketGrain.Apply"/> ignores closed periods it already holds (a rebuilt strategy republishes
/// them) and refuses a different period with the start of one it holds.</summary>
public sealed class MetricsBucketIdempotencyTests
{
    private static MetricsSnapshot Closed(BucketLevel level, DateTimeOffset start, decimal pnl)
        => new() { Period = BucketPeriod.For(level, start), IsClosed = true, Trades = 1, NetPnl = pnl };

    [Fact]
    public async Task Republished_closed_periods_are_ignored_a_lost_one_is_put_back_and_a_changed_one_is_refused()
    {
        await using var cluster = await TradingTestCluster.StartAsync();
        var bucket = cluster.Client.GetGrain<IMetricsBucketGrain>("idem/daily");
        var d1 = Closed(BucketLevel.Daily, new DateTimeOffset(2024, 1, 2, 0, 0, 0, TimeSpan.Zero), 10m);
        var d2 = Closed(BucketLevel.Daily, new DateTimeOffset(2024, 1, 3, 0, 0, 0, TimeSpan.Zero), -4m);
        var d3 = Closed(BucketLevel.Daily, new DateTimeOffset(2024, 1, 4, 0, 0, 0, TimeSpan.Zero), 7m);
        var open = new MetricsSnapshot { Period = BucketPeriod.For(BucketLevel.Daily, new DateTimeOffset(2024, 1, 5, 0, 0, 0, TimeSpan.Zero)) };

        await bucket.Apply([d1, d2], null);
        await bucket.Apply([d1, d2, d3], open); // republish from the start after a rebuild
        Assert.Equal(new[] { d1, d2, d3, open }, (await bucket.GetPeriods(null, null)).ToArray());

        var changed = await Assert.ThrowsAsync<InvalidOperationException>(() => bucket.Apply([d2 with { NetPnl = -5m }], open));
        Assert.Contains("already held with different figures", changed.Message, StringComparison.Ordinal);
        Assert.Equal(new[] { d1, d2, d3, open }, (await bucket.GetPeriods(null, null)).ToArray());

        // An older period the grain does not hold (lost with an earlier activation; a rebuilt strategy republishes it) goes back in its place.
        var d0 = Closed(BucketLevel.Daily, new DateTimeOffset(2023, 12, 29, 0, 0, 0, TimeSpan.Zero), 1m);
        await bucket.Apply([d0, d1], open);
        Assert.Equal(new[] { d0, d1, d2, d3, open }, (await bucket.GetPeriods(null, null)).ToArray());

        var trades = cluster.Client.GetGrain<IMetricsBucketGrain>("idem/trade");
        var t1 = Closed(BucketLevel.Trade, new DateTimeOffset(2024, 1, 2, 10, 0, 0, TimeSpan.Zero), 3m);
        var t2 = Closed(BucketLevel.Trade, new DateTimeOffset(2024, 1, 2, 11, 0, 0, TimeSpan.Zero), -1m);
        await trades.Apply([t1], null);
        await trades.Apply([t1, t2], null);
        Assert.Equal(new[] { t1, t2 }, (await trades.GetPeriods(null, null)).ToArray());
    }
}

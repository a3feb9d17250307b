using System.Net.Sockets;
using Npgsql;
using Orleans.Runtime;
using Orleans.Storage;
using TradingRobotPlug.Api.Replay;

namespace TradingRobotPlug.Api.Tests.Replay;

/// <summary>Issue 12, door 6: which publish failures the replay retries, how long it pauses, and when it gives up.</summary>
public sealed class ReplayRetryPolicyTests
{
    /// <summary>What a grain call reports with PostgreSQL stopped (Orleans' wrapper around the driver's exception).</summary>
    private static readonly Exception StorageDown = new OrleansException(
        "Error from storage provider AdoNetGrainStorage.bars during WriteStateAsync for grain barsegment/SPX|1d|3" + Environment.NewLine
        + " Exc level 0: Npgsql.NpgsqlException: Failed to connect to 127.0.0.1:5432" + Environment.NewLine + "   at Npgsql.Internal...",
        new NpgsqlException("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused)));

    [Fact]
    public void Storage_failures_are_recognised_before_cluster_failures_and_anything_else_is_not_retried()
    {
        Assert.Equal(ReplayRetryReason.Storage, ReplayRetryPolicy.Classify(StorageDown));
        Assert.Equal(ReplayRetryReason.Storage, ReplayRetryPolicy.Classify(new NpgsqlException("Exception while reading from stream", new TimeoutException())));
        Assert.Equal(ReplayRetryReason.Storage, ReplayRetryPolicy.Classify(new AggregateException(new InvalidOperationException("x"), new NpgsqlException("down"))));
        Assert.Equal(ReplayRetryReason.Cluster, ReplayRetryPolicy.Classify(new TimeoutException("Response did not arrive on time")));
        Assert.Equal(ReplayRetryReason.Cluster, ReplayRetryPolicy.Classify(new SiloUnavailableException("dead")));
        Assert.Equal(ReplayRetryReason.Cluster, ReplayRetryPolicy.Classify(new InvalidOperationException("wrapped", new SiloUnavailableException("dead"))));
        Assert.Equal(ReplayRetryReason.Conflict, ReplayRetryPolicy.Classify(new InconsistentStateException("ETag mismatch", "12", "11")));
        Assert.Equal(ReplayRetryReason.Conflict, ReplayRetryPolicy.Classify(new OrleansException("wrapped", new InconsistentStateException("ETag mismatch", "12", "11"))));
        Assert.Null(ReplayRetryPolicy.Classify(new ArgumentException("bars[0].openTime is not after the last bar's.", "bars")));
        Assert.Null(ReplayRetryPolicy.Classify(new OrleansException("Something else")));
        Assert.Null(ReplayRetryPolicy.Classify(new InvalidOperationException("conflict")));
    }

    [Fact]
    public void The_storage_backoff_starts_at_half_a_second_and_doubles_to_ten_seconds()
    {
        double[] seconds = [.. Enumerable.Range(1, 9).Select(n => ReplayRetryPolicy.Backoff(ReplayRetryReason.Storage, n).TotalSeconds)];
        Assert.Equal([0.5, 1, 2, 4, 8, 10, 10, 10, 10], seconds);
        Assert.Equal(TimeSpan.FromSeconds(10), ReplayRetryPolicy.Backoff(ReplayRetryReason.Storage, int.MaxValue));
    }

    [Fact]
    public void The_cluster_and_conflict_backoff_starts_at_a_fifth_of_a_second_and_doubles_to_two_seconds()
    {
        foreach (var reason in (ReplayRetryReason[])[ReplayRetryReason.Cluster, ReplayRetryReason.Conflict])
        {
            double[] seconds = [.. Enumerable.Range(1, 7).Select(n => ReplayRetryPolicy.Backoff(reason, n).TotalSeconds)];
            Assert.Equal([0.2, 0.4, 0.8, 1.6, 2, 2, 2], seconds);
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => ReplayRetryPolicy.Backoff(ReplayRetryReason.Cluster, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ReplayRetryPolicy.Backoff((ReplayRetryReason)42, 1));
    }

    [Fact]
    public void A_storage_outage_is_waited_out_without_limit_and_cluster_failures_and_conflicts_for_two_minutes()
    {
        Assert.False(ReplayRetryPolicy.GivesUp(ReplayRetryReason.Storage, TimeSpan.Zero));
        Assert.False(ReplayRetryPolicy.GivesUp(ReplayRetryReason.Storage, TimeSpan.FromDays(3)));
        Assert.False(ReplayRetryPolicy.GivesUp(ReplayRetryReason.Cluster, TimeSpan.FromMinutes(2) - TimeSpan.FromTicks(1)));
        Assert.True(ReplayRetryPolicy.GivesUp(ReplayRetryReason.Cluster, TimeSpan.FromMinutes(2)));
        Assert.False(ReplayRetryPolicy.GivesUp(ReplayRetryReason.Conflict, TimeSpan.FromSeconds(10)));
        Assert.True(ReplayRetryPolicy.GivesUp(ReplayRetryReason.Conflict, TimeSpan.FromMinutes(3)));
    }

    [Fact]
    public void A_failure_is_described_in_one_line_with_its_root_cause()
    {
        Assert.Equal(
            "Error from storage provider AdoNetGrainStorage.bars during WriteStateAsync for grain barsegment/SPX|1d|3 (SocketException: Connection refused)",
            ReplayRetryPolicy.Describe(StorageDown));
        Assert.Equal("Response did not arrive on time", ReplayRetryPolicy.Describe(new TimeoutException("Response did not arrive on time")));
        Assert.Equal(ReplayRetryPolicy.MaxDescriptionLength, ReplayRetryPolicy.Describe(new TimeoutException(new string('x', 2_000))).Length);
    }
}

using System.Diagnostics;
using TradingRobotPlug.Benchmarks.Measurement;

namespace TradingRobotPlug.Benchmarks.Grains;

/// <summary>
/// Subscribes explicitly to a shared stream; its integer key is its <see cref="BenchProbe"/> slot. Counts items,
/// samples end-to-end latency and checks stream order.
/// </summary>
public sealed class FanOutSinkGrain(BenchProbe probe) : Grain, IFanOutSinkGrain, IAsyncObserver<BenchTick>
{
    private long _expected;
    private int _slot;

    /// <inheritdoc/>
    public async Task Subscribe(string streamKey)
    {
        _slot = (int)GetPrimaryKeyLong();
        var stream = this.GetStreamProvider(StreamNamespaces.Provider).GetStream<BenchTick>(StreamId.Create(StreamNamespaces.FanOut, streamKey));
        await stream.SubscribeAsync(this);
    }

    /// <inheritdoc/>
    public Task OnNextAsync(BenchTick item)
    {
        if (item.Sequence != _expected)
        {
            probe.ReportOrderViolation();
        }

        _expected = item.Sequence + 1;
        if (item.SentTimestamp != 0 && probe.Recording)
        {
            probe.Histograms[_slot].Record(Stopwatch.GetTimestamp() - item.SentTimestamp);
        }

        probe.Counters.Add(_slot, 1);
        return Task.CompletedTask;
    }
}

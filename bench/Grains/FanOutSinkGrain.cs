using System.Collections.Immutable;
using TradingRobotPlug.Benchmarks.Measurement;

namespace TradingRobotPlug.Benchmarks.Grains;

/// <summary>
/// Subscribes explicitly to a shared stream; its integer key is its <see cref="BenchProbe"/> slot. Counts items,
/// samples end-to-end latency and checks stream order. Each stream event is a batch of ticks.
/// </summary>
[GrainType("bench-fanout-sink")]
public sealed class FanOutSinkGrain(BenchProbe probe) : Grain, IFanOutSinkGrain, IAsyncObserver<ImmutableArray<BenchTick>>
{
    private TickBatchSink _sink;
    private int _slot;

    /// <inheritdoc/>
    public async Task Subscribe(string streamKey)
    {
        _slot = (int)this.GetPrimaryKeyLong();
        var stream = this.GetStreamProvider(StreamNamespaces.Provider).GetStream<ImmutableArray<BenchTick>>(StreamId.Create(StreamNamespaces.FanOut, streamKey));
        await stream.SubscribeAsync(this);
    }

    /// <inheritdoc/>
    public Task OnNextAsync(ImmutableArray<BenchTick> item, StreamSequenceToken? token = null)
    {
        _sink.OnBatch(probe, _slot, item);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task OnCompletedAsync() => Task.CompletedTask;

    /// <inheritdoc/>
    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;
}

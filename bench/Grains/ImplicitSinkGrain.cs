using System.Collections.Immutable;
using System.Globalization;
using TradingRobotPlug.Benchmarks.Measurement;

namespace TradingRobotPlug.Benchmarks.Grains;

/// <summary>
/// Implicitly subscribed to every stream in <see cref="StreamNamespaces.Implicit"/>; the stream key is a number,
/// used as its <see cref="BenchProbe"/> slot. Counts items, samples end-to-end latency and checks stream order. Each
/// stream event is a batch of ticks.
/// </summary>
[GrainType("bench-implicit-sink")]
[ImplicitStreamSubscription(StreamNamespaces.Implicit)]
public sealed class ImplicitSinkGrain(BenchProbe probe) : Grain, IImplicitSinkGrain, IAsyncObserver<ImmutableArray<BenchTick>>
{
    private TickBatchSink _sink;
    private int _slot;

    /// <inheritdoc/>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _slot = int.Parse(this.GetPrimaryKeyString(), CultureInfo.InvariantCulture);
        var stream = this.GetStreamProvider(StreamNamespaces.Provider).GetStream<ImmutableArray<BenchTick>>(StreamId.Create(StreamNamespaces.Implicit, this.GetPrimaryKeyString()));
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

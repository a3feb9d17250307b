using System.Diagnostics;
using System.Globalization;
using TradingRobotPlug.Benchmarks.Measurement;

namespace TradingRobotPlug.Benchmarks.Grains;

/// <summary>
/// Implicitly subscribed to every stream in <see cref="StreamNamespaces.Implicit"/>; the stream key is a number,
/// used as its <see cref="BenchProbe"/> slot. Counts items, samples end-to-end latency and checks stream order.
/// </summary>
[ImplicitStreamSubscription(StreamNamespaces.Implicit)]
public sealed class ImplicitSinkGrain(BenchProbe probe) : Grain, IAsyncObserver<BenchTick>
{
    private int _slot;
    private long _expected;

    /// <inheritdoc/>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _slot = int.Parse(GetPrimaryKeyString(), CultureInfo.InvariantCulture);
        var stream = this.GetStreamProvider(StreamNamespaces.Provider).GetStream<BenchTick>(StreamId.Create(StreamNamespaces.Implicit, GetPrimaryKeyString()));
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

using System.Collections.Immutable;
using TradingRobotPlug.GrainInterfaces.Market;
using Orleans;
using Orleans.Runtime;
using Orleans.Streams;

namespace TradingRobotPlug.Grains.Grains;

/// <summary>
/// The strategy's tick path: while running, the open position is marked to every tick of its instrument (O(1) per
/// tick), so equity and excursions are live between bars. Decisions stay on bars: a tick never places an order, and
/// the next bar's high, low and close (aggregated from the same ticks) mark the position as before, so bar results do
/// not depend on whether ticks were published.
/// </summary>
public sealed partial class StrategyGrain : IAsyncObserver<ImmutableArray<Tick>>
{
    /// <summary>A batch of ticks delivered on the instrument's tick stream (one stream event per published batch).</summary>
    public Task OnNextAsync(ImmutableArray<Tick> items, StreamSequenceToken? token = null)
    {
        if (!IsRunning)
        {
            return Task.CompletedTask;
        }

        var account = _engine!.Account;
        for (int i = 0; i < items.Length; i++)
        {
            var tick = items[i];
            account.Mark(tick.Instrument, tick.Price, tick.Time);
        }

        return Task.CompletedTask;
    }

    private IAsyncStream<ImmutableArray<Tick>> TickStream(InstrumentId instrument)
        => this.GetStreamProvider(StreamNamespaces.Provider).GetStream<ImmutableArray<Tick>>(StreamId.Create(StreamNamespaces.Ticks, instrument.Symbol));

    private Task SubscribeTicksAsync(InstrumentId instrument) => TickStream(instrument).SubscribeAsync(this);

    /// <summary>Resumes the tick subscription after a reactivation, or subscribes again when it did not survive (a silo restart).</summary>
    private async Task ResumeTicksAsync(InstrumentId instrument)
    {
        var handles = await TickStream(instrument).GetAllSubscriptionHandles();
        foreach (var handle in handles)
        {
            await handle.ResumeAsync(this);
        }

        if (handles.Count == 0)
        {
            await SubscribeTicksAsync(instrument);
        }
    }

    private async Task UnsubscribeTicksAsync(InstrumentId instrument)
    {
        foreach (var handle in await TickStream(instrument).GetAllSubscriptionHandles())
        {
            await handle.UnsubscribeAsync();
        }
    }
}

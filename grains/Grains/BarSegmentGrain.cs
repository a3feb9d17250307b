using System.Collections.Immutable;
using TradingRobotPlug.GrainInterfaces.Grains;
using TradingRobotPlug.GrainInterfaces.Market;
using Orleans;
using Orleans.Runtime;

namespace TradingRobotPlug.Grains.Grains;

/// <summary>See <see cref="IBarSegmentGrain"/>: one persisted segment of an instrument's bar history.</summary>
[GrainType("barsegment")]
public sealed class BarSegmentGrain(
    [PersistentState("bars")] IPersistentState<BarSegmentState> state) : Grain, IBarSegmentGrain
{
    /// <inheritdoc/>
    public async Task Write(int offset, ImmutableArray<Bar> bars)
    {
        var held = state.State.Bars;
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(offset, held.Count);
        if (offset + bars.Length > BarSegments.Capacity)
        {
            throw new ArgumentException(
                $"bars: {bars.Length} bars from offset {offset} overflow segment {this.GetPrimaryKeyString()} of {BarSegments.Capacity}.",
                nameof(bars));
        }

        held.RemoveRange(offset, held.Count - offset);
        held.AddRange(bars);
        await state.WriteStateAsync();
    }

    /// <inheritdoc/>
    public Task<ImmutableArray<Bar>> Read(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var held = state.State.Bars;
        int n = Math.Min(count, held.Count);
        var builder = ImmutableArray.CreateBuilder<Bar>(n);
        for (int i = 0; i < n; i++)
        {
            builder.Add(held[i]);
        }

        return Task.FromResult(builder.MoveToImmutable());
    }
}

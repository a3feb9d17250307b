using Microsoft.Extensions.Logging;
using TradingRobotPlug.GrainInterfaces.Grains;
using TradingRobotPlug.GrainInterfaces.Market;
using TradingRobotPlug.GrainInterfaces.Strategies;

namespace TradingRobotPlug.Grains.Grains;

/// <summary>
/// Rebuilding a strategy from its instrument's persisted bar history (kept apart from the trading code of
/// <c>StrategyGrain.cs</c>). A strategy is a deterministic function of the bars it processed since it started, so a
/// reactivated running or paused strategy (after a deactivation or a silo restart) feeds the instrument's bars since
/// <see cref="StrategyState.HistoryFrom"/> through the same per-batch code path as live deliveries: engine, alerts,
/// position and metrics-bucket publishing (bucket grains ignore closed periods they already hold). On the update stream
/// it first announces itself with nothing processed and sends the rebuilt history with its next update (the next
/// delivered batch or <c>WaitForBars</c>), so that a portfolio sees every re-activated strategy before any one's
/// points, as on a fresh start. Bars delivered on the
/// stream while it rebuilds are held back and then processed; a bar whose close is not after the last processed one
/// is dropped, so nothing is counted twice.
/// </summary>
public sealed partial class StrategyGrain
{
    private List<Bar>? _deliveredDuringRebuild;
    private bool _feedingHistory;
    private bool _historyUpdatePending;

    /// <summary>Records where the strategy's history starts, once, before its first subscription (persisted with the status by the caller).</summary>
    private async Task RecordHistoryStartAsync()
    {
        if (state.State.HistoryFrom is not null)
        {
            return;
        }

        var settings = state.State.Settings!;
        var snapshot = await GrainFactory.GetGrain<IInstrumentGrain>(settings.Instruments[0].Symbol).GetSnapshot();
        // LastTime is the last bar's close (or the last tick, inside the bar being built): the next bar opens at or after its floor.
        state.State.HistoryFrom = snapshot.LastTime is { } last ? settings.Timeframe.BarOpenTime(last) : DateTimeOffset.MinValue;
    }

    /// <summary>
    /// On activation of a started strategy: subscribes again when <paramref name="subscribe"/> (a running or paused
    /// strategy whose subscription did not survive), then rebuilds the trading state from the instrument's history,
    /// skipping the stretches it did not trade while paused or stopped.
    /// </summary>
    private async Task ResubscribeAndRebuildAsync(bool subscribe)
    {
        _deliveredDuringRebuild = [];
        try
        {
            if (subscribe)
            {
                await BarStream().SubscribeAsync(this);
            }

            if (_engine is not null && state.State.HistoryFrom is { } from)
            {
                // Announce the strategy (status, nothing processed) before its rebuilt history: a portfolio folding the
                // update stream then knows every strategy re-activated before it sees any one's points, as on a fresh start.
                await PublishUpdate();
                var settings = state.State.Settings!;
                var instrument = GrainFactory.GetGrain<IInstrumentGrain>(settings.Instruments[0].Symbol);
                var bars = await StrategyHistoryReader.ReadAsync(instrument, settings.Timeframe, from);
                if (bars.Count > 0)
                {
                    _feedingHistory = true;
                    try
                    {
                        await OnBarsAsync(bars);
                    }
                    finally
                    {
                        _feedingHistory = false;
                    }

                    // The rebuilt equity, trades and alerts go out with the next update (the next delivered batch, or
                    // the next WaitForBars), not now; alerts raised again by the history are not news.
                    _batchAlerts.Clear();
                    _historyUpdatePending = true;
                }

                LogInformationRebuilt(logger, Id.ToString(), bars.Count, _engine.LastBarTime);
            }
        }
        finally
        {
            var held = _deliveredDuringRebuild;
            _deliveredDuringRebuild = null;
            if (held.Count > 0)
            {
                await OnBarsAsync(held);
            }
        }
    }

    /// <summary>Publishes the update held back after a rebuild, then waits as <see cref="WaitForBars"/>.</summary>
    private async Task<long> PublishHistoryUpdateThenWaitAsync(long bars)
    {
        _historyUpdatePending = false;
        await PublishUpdate();
        return await WaitForBars(bars);
    }

    /// <summary>
    /// Holds back stream deliveries while the strategy rebuilds (returning none), and otherwise drops bars whose close
    /// is not after the last processed bar's (already processed, e.g. from the history).
    /// </summary>
    private IReadOnlyList<Bar> SkipDeliveredDuringRebuildOrProcessed(IReadOnlyList<Bar> items)
    {
        if (_deliveredDuringRebuild is { } held && !_feedingHistory)
        {
            held.AddRange(items);
            return [];
        }

        if (state.State.HistoryFrom is { } from && items.Count > 0 && items[0].OpenTime < from)
        {
            // Published before the strategy first started (an Orleans stream may deliver an event published just before
            // the subscription): not the strategy's, and not in its rebuild either.
            items = [.. items.Where(b => b.OpenTime >= from)];
        }

        if (state.State.Skipped.Count > 0 && items.Count > 0)
        {
            items = DropSkipped(items);
        }

        if (_engine?.LastBarTime is not { } last || items.Count == 0 || items[0].OpenTime > last)
        {
            return items;
        }

        var fresh = new List<Bar>(items.Count);
        foreach (var bar in items)
        {
            if (bar.OpenTime > last)
            {
                fresh.Add(bar);
            }
        }

        return fresh;
    }

    /// <summary>Drops the bars of the stretches the strategy did not trade (paused or stopped).</summary>
    private IReadOnlyList<Bar> DropSkipped(IReadOnlyList<Bar> items)
    {
        var skipped = state.State.Skipped;
        bool Skipped(Bar bar) => skipped.Exists(s => s.Contains(bar.OpenTime));
        return items.Any(Skipped) ? [.. items.Where(b => !Skipped(b))] : items;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Strategy {StrategyId} rebuilt from {Bars} bars of history (last bar closing {LastBarTime})")]
    private static partial void LogInformationRebuilt(ILogger logger, string strategyId, int bars, DateTimeOffset? lastBarTime);
}

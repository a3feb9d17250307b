using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;
using Orleans.Streams;
using TradingRobotPlug.GrainInterfaces.Grains;
using TradingRobotPlug.GrainInterfaces.Market;
using TradingRobotPlug.GrainInterfaces.Strategies;
using TradingRobotPlug.Grains.MarketData;

namespace TradingRobotPlug.Grains.Grains;

/// <summary>
/// Lost bar events (kept apart from the trading code of <c>StrategyGrain.cs</c>). Orleans memory streams lose what was
/// queued on a silo that dies, so a running strategy checks every delivered batch's history index
/// (<see cref="BarsPublished.FirstSequence"/>) against the one it expects and, on a gap, first reads the missing bars
/// from the instrument's durable history through the same per-batch path. Events lost at the end of a replay are
/// followed by nothing that would reveal the gap, so a grain timer also compares the instrument's newest bar with the
/// last one processed: behind at two checks in a row with no delivery in between means lost, and the strategy
/// backfills (the policy is <see cref="LostBarWatch"/>'s). Bars that arrive again later (a republished batch, a late delivery) are skipped by time, so nothing is
/// processed twice and the results equal an undisturbed run's. When the events of a timer backfill arrive after all
/// (deliveries were only slow, e.g. a loaded cluster's first seconds of trading), the backfill was premature and cost
/// an instrument read and an extra update: the strategy then waits twice as many quiet checks before the next one (up
/// to <see cref="LostBarWatch.MaxQuietChecks"/>), so a loaded cluster does not keep backfilling what is merely late.
/// </summary>
public sealed partial class StrategyGrain
{
    /// <summary>How often a running strategy compares its last processed bar with the instrument's newest.</summary>
    public static readonly TimeSpan CatchUpPeriod = TimeSpan.FromSeconds(5);

    private long? _nextSequence;

    // Open time of the newest bar this activation has accounted for: processed, ignored while paused, or published
    // while the strategy was stopped (set on Start). Backfills start after it, so they never trade a paused or
    // stopped stretch.
    private DateTimeOffset? _seenOpen;
    private readonly LostBarWatch _lostBars = new();
    private IGrainTimer? _catchUp;

    /// <summary>A batch of bars delivered on the instrument's bar stream (one stream event per published batch).</summary>
    public async Task OnNextAsync(BarsPublished item, StreamSequenceToken? token = null)
    {
        ArgumentNullException.ThrowIfNull(item);
        bool ours = _engine is not null && !item.Bars.IsEmpty && item.Bars[0].Timeframe == state.State.Settings!.Timeframe;
        if (_lostBars.Delivered(ours ? item.Bars[0].OpenTime : null))
        {
            LogInformationLateNotLost(logger, Id.ToString(), _lostBars.QuietChecksNeeded);
        }

        if (ours && IsRunning && _nextSequence is { } next && item.FirstSequence > next)
        {
            LogWarningGap(logger, Id.ToString(), next, item.FirstSequence);
            await BackfillAsync();
        }

        await OnBarsAsync(item.Bars);
        if (ours && state.State.Status is StrategyStatus.Running or StrategyStatus.Paused)
        {
            _nextSequence = Math.Max(_nextSequence ?? 0, item.NextSequence);
            SeenThrough(item.Bars[^1].OpenTime);
        }
    }

    private void SeenThrough(DateTimeOffset open)
    {
        if (_seenOpen is null || open > _seenOpen)
        {
            _seenOpen = open;
        }
    }

    /// <summary>
    /// On <c>Start</c>: bars published while the strategy was not running are not its to trade, so the gap check starts
    /// afresh and the newest bar of the instrument counts as accounted for.
    /// </summary>
    /// <returns>The open time of the instrument's newest bar, null when it has none.</returns>
    private async Task<DateTimeOffset?> AccountForHistoryOnStartAsync()
    {
        _nextSequence = null;
        var settings = state.State.Settings!;
        var snapshot = await GrainFactory.GetGrain<IInstrumentGrain>(settings.Instruments[0].Symbol).GetSnapshot();
        if (snapshot.LastBarOpenTime is { } newest)
        {
            SeenThrough(newest);
        }

        return snapshot.LastBarOpenTime;
    }

    /// <summary>Processes the instrument's bars since the last processed one, read from its durable history.</summary>
    private async Task BackfillAsync()
    {
        var settings = state.State.Settings!;
        var from = _seenOpen?.AddTicks(1) ?? _engine?.LastBarTime?.AddTicks(1) ?? state.State.HistoryFrom ?? DateTimeOffset.MinValue;
        var bars = await StrategyHistoryReader.ReadAsync(GrainFactory.GetGrain<IInstrumentGrain>(settings.Instruments[0].Symbol), settings.Timeframe, from);
        if (bars.Count > 0)
        {
            LogInformationBackfilled(logger, Id.ToString(), bars.Count, bars[0].OpenTime);
            await OnBarsAsync(bars);
        }
    }

    private void StartCatchUp()
        => _catchUp ??= this.RegisterGrainTimer(CatchUpAsync, new GrainTimerCreationOptions(CatchUpPeriod, CatchUpPeriod) { KeepAlive = false });

    private void StopCatchUp()
    {
        _catchUp?.Dispose();
        _catchUp = null;
    }

    private async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        if (!IsRunning || _deliveredDuringRebuild is not null)
        {
            return;
        }

        var settings = state.State.Settings!;
        var snapshot = await GrainFactory.GetGrain<IInstrumentGrain>(settings.Instruments[0].Symbol).GetSnapshot();
        if (_lostBars.Check(snapshot.LastBarOpenTime, _seenOpen))
        {
            LogWarningBehind(logger, Id.ToString(), _seenOpen, snapshot.LastBarOpenTime);
            await BackfillAsync();
        }

        _lostBars.Checked();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Strategy {StrategyId} expected bar {Expected} and received {Received}: bar events were lost, backfilling from the history")]
    private static partial void LogWarningGap(ILogger logger, string strategyId, long expected, long received);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Strategy {StrategyId} is behind its instrument (last bar {LastBarOpen}, newest {Newest}) with no delivery since the last check: backfilling from the history")]
    private static partial void LogWarningBehind(ILogger logger, string strategyId, DateTimeOffset? lastBarOpen, DateTimeOffset? newest);

    [LoggerMessage(Level = LogLevel.Information, Message = "Strategy {StrategyId} received bars its catch-up check had backfilled: they were late, not lost; it now waits {QuietChecks} quiet checks before backfilling")]
    private static partial void LogInformationLateNotLost(ILogger logger, string strategyId, int quietChecks);

    [LoggerMessage(Level = LogLevel.Information, Message = "Strategy {StrategyId} backfilled {Bars} bars from the history, from {FirstOpen}")]
    private static partial void LogInformationBackfilled(ILogger logger, string strategyId, int bars, DateTimeOffset firstOpen);
}

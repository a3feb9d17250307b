using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;
using TradingRobotPlug.GrainInterfaces.Grains;
using TradingRobotPlug.GrainInterfaces.Market;

namespace TradingRobotPlug.Grains.Grains;

/// <summary>
/// A benchmark on another instrument (kept apart from the trading code of <c>StrategyGrain.cs</c>). The benchmark's
/// value at a mark of the strategy is its buy-and-hold account after every benchmark bar (of the strategy's timeframe)
/// that opens at or after the strategy's first bar and closes at or before the strategy's bar closes. Those bars are
/// read from the benchmark instrument's durable history, so a strategy bar is processed only once the benchmark's
/// history reaches its close: until then it waits, in order, and is released when a later delivery, or a check every
/// <see cref="BenchmarkWaitPeriod"/>, finds the benchmark far enough. Live processing and a rebuild after a restart
/// therefore see the same benchmark closes at the same marks, whatever the order the two instruments' bars arrived in.
/// A benchmark whose history never reaches a bar's close (no data loaded, or it ends earlier) holds the strategy at
/// that bar: <see cref="GrainInterfaces.Strategies.StrategySnapshot.BarsAwaitingBenchmark"/> says how many bars wait.
/// </summary>
public sealed partial class StrategyGrain
{
    /// <summary>How often a strategy with bars waiting for its benchmark checks the benchmark's history again.</summary>
    public static readonly TimeSpan BenchmarkWaitPeriod = TimeSpan.FromSeconds(1);

    // Bars of the traded instrument received in order but not processed yet: they close after the newest benchmark bar known.
    private readonly List<Bar> _awaitingBenchmark = [];

    // Open time of the newest benchmark bar read (queued in the engine, StrategyEngine.QueueBenchmarkBar); null before the first read.
    private DateTimeOffset? _benchmarkReadOpen;

    // Close time of the newest benchmark bar read; strategy bars closing at or before it can be processed.
    private DateTimeOffset? _benchmarkReadClose;
    private IGrainTimer? _benchmarkWait;

    /// <summary>Forgets the bars held, and what was read of the benchmark, for an engine that is being replaced or deleted (its queued benchmark bars go with it).</summary>
    private void ResetBenchmarkAlignment()
    {
        _awaitingBenchmark.Clear();
        _benchmarkReadOpen = _benchmarkReadClose = null;
        _benchmarkWait?.Dispose();
        _benchmarkWait = null;
    }

    /// <summary>
    /// Queues <paramref name="items"/> (bars after those processed or already waiting) behind the bars that wait for the
    /// benchmark, reads the benchmark's history when it does not reach the newest waiting close, and returns, oldest
    /// first, the waiting bars that can now be processed. Everything after the last await is synchronous, so concurrent
    /// turns of this reentrant grain take disjoint prefixes in order.
    /// </summary>
    private async Task<IReadOnlyList<Bar>> AlignWithBenchmarkAsync(IReadOnlyList<Bar> items)
    {
        Enqueue(items);
        if (_awaitingBenchmark.Count == 0)
        {
            return [];
        }

        if (_benchmarkReadClose is not { } known || known < _awaitingBenchmark[^1].CloseTime)
        {
            await ReadBenchmarkAsync(_awaitingBenchmark[0].OpenTime);
        }

        var last = _engine!.LastBarTime;
        int ready = 0;
        while (ready < _awaitingBenchmark.Count && _benchmarkReadClose is { } through && _awaitingBenchmark[ready].CloseTime <= through)
        {
            ready++;
        }

        var release = new List<Bar>(ready);
        foreach (var bar in _awaitingBenchmark.Take(ready))
        {
            if (last is null || bar.OpenTime > last)
            {
                release.Add(bar);
            }
        }

        _awaitingBenchmark.RemoveRange(0, ready);
        if (_awaitingBenchmark.Count > 0)
        {
            _benchmarkWait ??= this.RegisterGrainTimer(ReleaseAwaitingBenchmarkAsync, new GrainTimerCreationOptions(BenchmarkWaitPeriod, BenchmarkWaitPeriod) { KeepAlive = false });
            LogDebugAwaitingBenchmark(logger, Id.ToString(), _awaitingBenchmark.Count, _engine.Benchmark.Symbol, _benchmarkReadClose);
        }
        else
        {
            _benchmarkWait?.Dispose();
            _benchmarkWait = null;
        }

        return release;
    }

    private void Enqueue(IReadOnlyList<Bar> items)
    {
        var after = _awaitingBenchmark.Count > 0 ? _awaitingBenchmark[^1].OpenTime : _engine!.LastBarTime;
        foreach (var bar in items)
        {
            if (after is null || bar.OpenTime > after)
            {
                _awaitingBenchmark.Add(bar);
                after = bar.OpenTime;
            }
        }
    }

    /// <summary>
    /// Reads the benchmark's bars after the newest one read (the first read starts at <paramref name="firstOpen"/>, the
    /// open of the first strategy bar waiting) and queues in the engine those not queued meanwhile by a concurrent turn;
    /// the engine feeds them before the strategy bars that close at or after them.
    /// </summary>
    private async Task ReadBenchmarkAsync(DateTimeOffset firstOpen)
    {
        var settings = state.State.Settings!;
        var from = _benchmarkReadOpen?.AddTicks(1) ?? (_engine!.LastBarTime is { } processed ? processed : firstOpen);
        var bars = await StrategyHistoryReader.ReadAsync(GrainFactory.GetGrain<IInstrumentGrain>(_engine!.Benchmark.Symbol), settings.Timeframe, from);
        foreach (var bar in bars)
        {
            if (_benchmarkReadOpen is null || bar.OpenTime > _benchmarkReadOpen)
            {
                if (_engine is { HasSeparateBenchmark: true } engine)
                {
                    engine.QueueBenchmarkBar(bar);
                }

                _benchmarkReadOpen = bar.OpenTime;
                _benchmarkReadClose = bar.CloseTime;
            }
        }
    }

    private Task ReleaseAwaitingBenchmarkAsync(CancellationToken cancellationToken)
        => _awaitingBenchmark.Count == 0 ? Task.CompletedTask : OnBarsAsync([]); // OnBarsAsync holds off during a rebuild

    [LoggerMessage(Level = LogLevel.Debug, Message = "Strategy {StrategyId} holds {Bars} bars until its benchmark {Benchmark} reaches them (its history closes at {Through})")]
    private static partial void LogDebugAwaitingBenchmark(ILogger logger, string strategyId, int bars, string benchmark, DateTimeOffset? through);
}

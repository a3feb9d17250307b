using Microsoft.Extensions.Logging;
using TradingRobotPlug.GrainInterfaces.Grains;
using TradingRobotPlug.GrainInterfaces.Market;
using TradingRobotPlug.GrainInterfaces.Portfolio;
using TradingRobotPlug.GrainInterfaces.Strategies;
using TradingRobotPlug.GrainInterfaces.Trading;
using TradingRobotPlug.Grains.Engine;
using Orleans;
using Orleans.Runtime;
using Orleans.Concurrency;
using Orleans.Streams;

namespace TradingRobotPlug.Grains.Grains;

/// <summary>
/// See <see cref="IPortfolioGrain"/>. The grain key says whose strategies it folds: <see cref="IPortfolioGrain.Key"/>
/// every strategy, <see cref="IPortfolioGrain.OwnerKey"/> the strategies of one owner (updates of other owners'
/// strategies are dropped on arrival, by <see cref="StrategyUpdated.Owner"/>). Subscribes (grain-side, resumed on reactivation) to the strategy update stream
/// and folds each delivered batch of <see cref="StrategyUpdated"/> events, in one turn: <see cref="PortfolioTotals"/>
/// for the totals, <see cref="PortfolioEquityFolder"/> for the equity marks and trades behind the watermark, which
/// feed a <see cref="MetricsBook"/> whose buckets go to the metrics bucket grains <c>portfolio/{level}</c> after each
/// batch, as the strategy grain does with its own.
/// <para>
/// The book's initial capital is the sum of the member strategies' starting capital when the first portfolio event
/// is emitted; strategies created after that count in the totals but not in the marks and metrics (see
/// <see cref="PortfolioEquityFolder"/> for the rules). Like the strategies' trading state, the portfolio's state lives
/// in the activation, which asks not to be collected when idle; a new activation (after a restart) starts afresh
/// from the strategy directory and the updates it receives (strategies rebuilt on activation re-publish their history,
/// and repeated points are dropped).
/// </para>
/// <para>
/// Reentrant so that <see cref="WaitForMarks"/> can wait while deliveries run (as <see cref="StrategyGrain"/> does):
/// turns never run in parallel, and a delivered batch is folded synchronously within one turn.
/// </para>
/// </summary>
[GrainType("portfolio")]
[Reentrant]
public sealed partial class PortfolioGrain : Grain, IPortfolioGrain, IAsyncObserver<StrategyUpdated>
{
    /// <summary>
    /// The finest level the portfolio's buckets keep is daily (its strategies may run on different timeframes and
    /// clocks; an hourly portfolio bucket would mix them), so its levels are trade, daily … all_time.
    /// </summary>
    public const Timeframe PortfolioTimeframe = Timeframe.OneDay;

    private readonly ILogger<PortfolioGrain> _logger;
    private string _key = IPortfolioGrain.Key;
    private string? _owner;
    private readonly PortfolioTotals _totals = new();
    private readonly PortfolioEquityFolder _folder;
    private readonly Dictionary<StrategyId, long> _sequences = [];
    private readonly List<(DateTimeOffset Through, TaskCompletionSource<PortfolioSnapshot> Waiter)> _waiters = [];
    private IAsyncStream<StrategyUpdated>? _updates;
    private Task? _subscription;
    private bool _subscribed;
    private MetricsBook? _book;
    private decimal? _markedEquity;
    private bool _booked;
    private Task _bucketsSent = Task.CompletedTask;

    /// <summary>Creates the grain.</summary>
    public PortfolioGrain(ILogger<PortfolioGrain> logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        _logger = logger;
        _folder = new PortfolioEquityFolder(
            capital => _book = new MetricsBook(capital, PortfolioTimeframe, capital),
            trade =>
            {
                _book!.AddTrade(trade);
                _booked = true;
            },
            mark =>
            {
                // The metrics are time-weighted: they see the index equity (deposits and withdrawals are not returns);
                // the money equity of the mark is the snapshot's MarkedEquity.
                _book!.AddMark(mark with { Equity = _folder!.IndexEquity!.Value, BenchmarkEquity = _folder.BenchmarkIndexEquity });
                _markedEquity = mark.Equity;
                _booked = true;
            });
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The grain key is not a portfolio key (see <see cref="IPortfolioGrain.OwnerOf"/>).</exception>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _key = this.GetPrimaryKeyString();
        _owner = IPortfolioGrain.OwnerOf(_key);
        _updates = this.GetStreamProvider(StreamNamespaces.Provider)
            .GetStream<StrategyUpdated>(StreamId.Create(StreamNamespaces.StrategyUpdates, StreamNamespaces.AllStrategiesKey));
        var handles = await _updates.GetAllSubscriptionHandles();
        foreach (var handle in handles)
        {
            await handle.ResumeAsync(this);
        }

        if (handles.Count > 0)
        {
            // A durable subscription resumed (after a restart, typically activated by a delivery): the existing strategies
            // are taken in now, before any delivery is folded (none runs until the activation completes), so that every
            // one is a member before the first mark, exactly as after a fresh Ensure.
            _subscribed = true;
            _subscription = TakeInExistingAsync();
            await _subscription;
        }

        // The state lives in this activation only: do not let idle collection drop it (about ten years).
        DelayDeactivation(TimeSpan.FromDays(3650));
    }

    /// <inheritdoc/>
    public Task Ensure()
    {
        if (_subscription is null || _subscription.IsFaulted || _subscription.IsCanceled)
        {
            _subscription = _subscribed ? TakeInExistingAsync() : SubscribeAsync();
        }

        return _subscription;
    }

    /// <summary>Subscribes, then takes in the strategies that already exist (<see cref="TakeInExistingAsync"/>).</summary>
    private async Task SubscribeAsync()
    {
        await _updates!.SubscribeAsync(this);
        _subscribed = true;
        await TakeInExistingAsync();
    }

    /// <summary>
    /// Takes in the strategies that already exist (listed in the strategy directory: none on a fresh
    /// start, all of them after a restart with durable state), so that they count as members rather than as strategies
    /// created after the start: each is expected first (blocking the marks), then its snapshot gives its capital, status
    /// and owner unless an update of its own arrived meanwhile (deliveries interleave with the awaits here). In an
    /// owner's portfolio a listed strategy of another owner is then dropped again (before the start, a dropped member
    /// leaves no trace). The whole portfolio then ensures the portfolio of every owner it found, so that those see the
    /// histories the re-activated strategies re-publish, as it does.
    /// </summary>
    private async Task TakeInExistingAsync()
    {
        var ids = await GrainFactory.GetGrain<IStrategyDirectoryGrain>(IStrategyDirectoryGrain.Key).List();
        foreach (var id in ids)
        {
            _folder.Expect(id);
        }

        var snapshots = await Task.WhenAll(ids.Where(id => !_sequences.ContainsKey(id)).Select(id => GrainFactory.GetGrain<IStrategyGrain>(id.ToString()).GetSnapshot()));
        int taken = 0;
        foreach (var s in snapshots)
        {
            if (_sequences.ContainsKey(s.Id))
            {
                continue;
            }

            bool member = s.Settings is not null && Includes(s.Settings.Owner);

            // A strategy deleted since the listing has no settings (status None), and another owner's is none of this
            // portfolio's: either way the update drops its placeholder.
            var update = new StrategyUpdated(
                s.Id, 0, member ? s.Status : StrategyStatus.None, member ? s.Settings!.InitialCapital : 0m, s.Cash, s.Equity, s.BarsProcessed,
                s.LastBarTime, s.Metrics, [], [], null, s.Positions, [], [], Owner: s.Settings?.Owner);
            if (member)
            {
                _totals.Apply(update);
                taken++;
            }

            _folder.Apply(update);
        }

        await AfterUpdatesAsync();
        LogInformationSubscribed(_logger, _key, taken);
        if (_owner is null)
        {
            var owners = snapshots.Select(s => s.Settings?.Owner).OfType<string>().Distinct(StringComparer.Ordinal);
            await Task.WhenAll(owners.Select(EnsureOwnerAsync));
        }
    }

    /// <summary>
    /// Ensures one owner's portfolio. A failure is logged and does not fail the whole portfolio (one owner's portfolio
    /// must not keep the cluster's from starting); the owner's portfolio is ensured again by its next reader.
    /// </summary>
    private async Task EnsureOwnerAsync(string owner)
    {
        try
        {
            await GrainFactory.GetGrain<IPortfolioGrain>(IPortfolioGrain.OwnerKey(owner)).Ensure();
        }
        catch (Exception ex)
        {
            LogErrorOwnerPortfolio(_logger, owner, ex);
        }
    }

    /// <summary>Whether a strategy stored with owner <paramref name="storedOwner"/> belongs to this portfolio.</summary>
    private bool Includes(string? storedOwner) => _owner is null || Owners.Same(storedOwner, _owner);

    /// <summary>One strategy's update, delivered on the strategy update stream.</summary>
    public Task OnNextAsync(StrategyUpdated item, StreamSequenceToken? token = null) => OnUpdatesAsync([item]);

    /// <inheritdoc/>
    public Task OnCompletedAsync() => Task.CompletedTask;

    /// <summary>A stream error is logged; the subscription stays.</summary>
    public Task OnErrorAsync(Exception ex)
    {
        LogErrorStream(_logger, ex);
        return Task.CompletedTask;
    }

    private Task OnUpdatesAsync(IReadOnlyList<StrategyUpdated> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        for (int i = 0; i < items.Count; i++)
        {
            var update = items[i];
            if (!Includes(update.Owner))
            {
                continue;
            }

            if (_sequences.TryGetValue(update.Id, out var last) && update.Sequence != last + 1 && update.Sequence != 1)
            {
                LogWarningSequenceGap(_logger, update.Id.ToString(), last, update.Sequence);
            }

            _sequences[update.Id] = update.Sequence;
            _totals.Apply(update);
            _folder.Apply(update);
        }

        return AfterUpdatesAsync();
    }

    /// <summary>
    /// Emits what the watermark allows, sends the buckets if anything was booked and awaits their delivery (Orleans does
    /// not order separate calls, so one fold's buckets arrive before the next fold's are sent), then wakes waiters.
    /// </summary>
    private async Task AfterUpdatesAsync()
    {
        _folder.Advance();
        if (_booked)
        {
            _booked = false;
            var sent = PublishBucketsAsync();
            _bucketsSent = sent;
            await sent;
        }

        CompleteWaiters();
    }

    /// <summary>Sends the buckets booked since the last send; everything is drained from the book before the first await.</summary>
    private Task PublishBucketsAsync()
    {
        var book = _book!;
        var calls = new List<Task>();
        foreach (var level in book.Levels)
        {
            var closed = book.DrainClosed(level);
            var open = book.OpenSnapshot(level);
            if (closed.Count > 0 || open is not null)
            {
                var bucket = GrainFactory.GetGrain<IMetricsBucketGrain>($"{_key}/{level.ToCanonicalString()}");
                calls.Add(bucket.Apply([.. closed], open));
            }
        }

        return Task.WhenAll(calls);
    }

    private void CompleteWaiters()
    {
        if (_waiters.Count == 0 || (_folder.LastMarkTime is null && !NothingMoreToMark))
        {
            return;
        }

        var marked = _folder.LastMarkTime ?? DateTimeOffset.MinValue;
        PortfolioSnapshot? snapshot = null;
        for (int i = _waiters.Count - 1; i >= 0; i--)
        {
            if (marked >= _waiters[i].Through || NothingMoreToMark)
            {
                _waiters[i].Waiter.TrySetResult(snapshot ??= Snapshot());
                _waiters.RemoveAt(i);
            }
        }
    }

    /// <inheritdoc/>
    public Task<PortfolioSnapshot> GetSnapshot() => Task.FromResult(Snapshot());

    /// <inheritdoc/>
    public Task<PortfolioSnapshot> WaitForMarks(DateTimeOffset throughUtc)
    {
        if ((_folder.LastMarkTime is { } marked && marked >= throughUtc) || NothingMoreToMark)
        {
            return AfterBucketsSentAsync();
        }

        var waiter = new TaskCompletionSource<PortfolioSnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiters.Add((throughUtc, waiter));
        return waiter.Task;
    }

    /// <summary>
    /// The portfolio started and no member is running (all stopped, paused or failed), so no later mark can come: a
    /// waiter for a time not reached (e.g. the last bar, when a strategy failed before it) is answered with what there is.
    /// </summary>
    private bool NothingMoreToMark => _folder.Started && _folder.Watermark == DateTimeOffset.MaxValue;

    /// <summary>The snapshot once the buckets of the last fold are delivered.</summary>
    private async Task<PortfolioSnapshot> AfterBucketsSentAsync()
    {
        await _bucketsSent;
        return Snapshot();
    }

    private PortfolioSnapshot Snapshot() => new(
        _totals.Strategies,
        _totals.InitialCapital,
        _totals.Cash,
        _totals.Equity,
        _totals.NetPnl,
        _totals.Trades,
        _folder.LastMarkTime,
        _folder.LastMarkTime is null ? null : _book?.AllTime?.ToSnapshot(),
        _folder.LastMarkTime is null ? null : _markedEquity);

    [LoggerMessage(Level = LogLevel.Information, Message = "Portfolio {Portfolio} subscribed to the strategy update stream; {Existing} of its strategies already existed")]
    private static partial void LogInformationSubscribed(ILogger logger, string portfolio, int existing);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Strategy {StrategyId} update sequence jumped from {Last} to {Sequence}: updates were missed")]
    private static partial void LogWarningSequenceGap(ILogger logger, string strategyId, long last, long sequence);

    [LoggerMessage(Level = LogLevel.Error, Message = "The portfolio of owner {Owner} could not subscribe; its next reader tries again")]
    private static partial void LogErrorOwnerPortfolio(ILogger logger, string owner, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Stream error delivered to the portfolio")]
    private static partial void LogErrorStream(ILogger logger, Exception exception);
}

using TradingRobotPlug.GrainInterfaces.Portfolio;
using Orleans;
using Orleans.Runtime;
using Orleans.Concurrency;

namespace TradingRobotPlug.GrainInterfaces.Grains;

/// <summary>
/// A portfolio: the whole cluster's (key <see cref="Key"/>: every strategy) or one owner's (key
/// <see cref="OwnerKey"/>: <c>portfolio/{owner}</c>, the strategies whose <see cref="Strategies.StrategySettings.Owner"/>
/// is that owner). It folds its strategies' <see cref="Strategies.StrategyUpdated"/> events into portfolio equity marks
/// (the sum of the strategies' equity at each bar time, final once every running strategy has reported that time) and
/// trades, keeps portfolio metrics incrementally, and writes its buckets to the metrics bucket grains
/// <c>{key}/{level}</c> (its key is its metrics scope: <c>portfolio/daily</c>, <c>portfolio/alice/daily</c>).
/// </summary>
[Alias("trp.IPortfolioGrain")]
public interface IPortfolioGrain : IGrainWithStringKey
{
    /// <summary>The whole cluster's portfolio's grain key, also its metrics scope.</summary>
    const string Key = "portfolio";

    /// <summary>
    /// The grain key (and metrics scope) of one owner's portfolio: <c>portfolio/{owner}</c>. Strategy ids cannot hold
    /// <c>/</c> and <c>portfolio</c> is reserved, so the scope never meets a strategy's.
    /// </summary>
    /// <param name="owner">An owner name (see <see cref="Strategies.Owners.NameError"/>); <see cref="Strategies.Owners.Demo"/> for strategies stored without an owner.</param>
    /// <exception cref="ArgumentException">The owner name is not valid.</exception>
    static string OwnerKey(string owner)
        => Strategies.Owners.NameError(owner) is { } error
            ? throw new ArgumentException($"Owner {error}", nameof(owner))
            : $"{Key}/{owner}";

    /// <summary>The owner of the portfolio with grain key <paramref name="key"/>: null for <see cref="Key"/> (every owner).</summary>
    /// <exception cref="ArgumentException"><paramref name="key"/> is neither <see cref="Key"/> nor an <see cref="OwnerKey"/>.</exception>
    static string? OwnerOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key == Key)
        {
            return null;
        }

        if (key.StartsWith(Key + "/", StringComparison.Ordinal) && Strategies.Owners.NameError(key[(Key.Length + 1)..]) is null)
        {
            return key[(Key.Length + 1)..];
        }

        throw new ArgumentException($"'{key}' is not a portfolio key: expected '{Key}' or '{Key}/{{owner}}'.", nameof(key));
    }

    /// <summary>
    /// Subscribes to the strategy update stream if not yet subscribed (idempotent), and takes in the portfolio's
    /// strategies that already exist. Called at start-up for the whole portfolio; an owner's portfolio is ensured by its
    /// strategies when created, by the whole portfolio for the owners it finds at start-up, and by readers.
    /// </summary>
    Task Ensure();

    /// <summary>Totals and all-time metrics.</summary>
    [ReadOnly]
    Task<PortfolioSnapshot> GetSnapshot();

    /// <summary>
    /// Completes with the snapshot once the portfolio marks are final through <paramref name="throughUtc"/> (its
    /// <see cref="PortfolioSnapshot.MarkedThroughUtc"/> is at or after it), e.g. the last bar's open time after a
    /// replay, or once no member is running any more (all stopped, paused or failed: no later mark can come); the
    /// metrics bucket grains <c>portfolio/{level}</c> have been sent the matching buckets by then. Never completes while
    /// a running member does not report that time: callers put a time-out on it.
    /// </summary>
    [AlwaysInterleave]
    Task<PortfolioSnapshot> WaitForMarks(DateTimeOffset throughUtc);
}

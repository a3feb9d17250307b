using System.Collections.Immutable;
using TradingRobotPlug.GrainInterfaces.Alerts;
using TradingRobotPlug.GrainInterfaces.Strategies;
using TradingRobotPlug.GrainInterfaces.Trading;
using Orleans;
using Orleans.Runtime;
using Orleans.Concurrency;

namespace TradingRobotPlug.GrainInterfaces.Grains;

/// <summary>
/// One paper-trading strategy (key: <see cref="StrategyId"/>). Subscribes to its instruments' bar streams while
/// running; decides on each bar's close and fills at the next bar's open; keeps cash, positions, trades and metrics.
/// </summary>
[Alias("trp.IStrategyGrain")]
public interface IStrategyGrain : IGrainWithStringKey
{
    /// <summary>Creates the strategy. Idempotent for identical settings.</summary>
    /// <returns>True for the one call that created it; false when it already existed with identical settings (also
    /// for calls concurrent with the creating one).</returns>
    /// <exception cref="ArgumentException">The settings are invalid; the message lists every problem.</exception>
    /// <exception cref="InvalidOperationException">The strategy exists with different settings.</exception>
    Task<bool> Create(StrategySettings settings);

    /// <summary>Subscribes to the instruments and starts trading. Concurrent calls run one after the other, so the
    /// second of two finds the strategy running.</summary>
    /// <exception cref="InvalidOperationException">Not created, or already running.</exception>
    Task Start();

    /// <summary>Starts the strategy if it is <see cref="StrategyStatus.Created"/> (after any start in flight), else does nothing.</summary>
    /// <returns>True when this call started it.</returns>
    /// <exception cref="InvalidOperationException">Not created.</exception>
    Task<bool> StartIfCreated();

    /// <summary>Keeps the subscription but ignores bars.</summary>
    /// <exception cref="InvalidOperationException">Not running.</exception>
    Task Pause();

    /// <summary>Unsubscribes; state is kept.</summary>
    /// <exception cref="InvalidOperationException">Not created.</exception>
    Task Stop();

    /// <summary>Unsubscribes, clears the persisted state and the strategy's positions and buckets, and unregisters it.
    /// Deleting a strategy that does not exist is a no-op.</summary>
    Task Delete();

    /// <summary>Replaces the alert thresholds (persisted with the definition).</summary>
    /// <exception cref="ArgumentException">A threshold is out of range; the message names the field.</exception>
    /// <exception cref="InvalidOperationException">Not created.</exception>
    Task SetAlertThresholds(AlertThresholds thresholds);

    /// <summary>The alert thresholds (<see cref="AlertThresholds.None"/> when never set).</summary>
    [ReadOnly]
    Task<AlertThresholds> GetAlertThresholds();

    /// <summary>Alerts raised, oldest first.</summary>
    [ReadOnly]
    Task<ImmutableArray<AlertRaised>> GetAlerts();

    /// <summary>Current state.</summary>
    [ReadOnly]
    Task<StrategySnapshot> GetSnapshot();

    /// <summary>Round-trip trades, oldest first; an open trade last (with no exit).</summary>
    [ReadOnly]
    Task<ImmutableArray<TradeRecord>> GetTrades();

    /// <summary>Equity at each bar's close.</summary>
    [ReadOnly]
    Task<ImmutableArray<EquityPoint>> GetEquityCurve();

    /// <summary>Rejected orders with reasons.</summary>
    [ReadOnly]
    Task<ImmutableArray<OrderRejected>> GetRejectedOrders();

    /// <summary>Completes once at least <paramref name="bars"/> bars have been processed; returns the count.</summary>
    [AlwaysInterleave]
    Task<long> WaitForBars(long bars);
}

namespace TradingRobotPlug.Runtime.Configuration;

/// <summary>Grain call settings. Bound from configuration section <c>Silo:Messaging</c>.</summary>
public sealed class MessagingOptions
{
    internal static readonly TimeSpan DefaultResponseTimeout = TimeSpan.FromSeconds(30);

    /// <summary>A call with no response after this long fails with <see cref="TimeoutException"/>. Default 30 s; must be positive.</summary>
    public TimeSpan ResponseTimeout { get; set; } = DefaultResponseTimeout;

    /// <summary>How often pending calls are checked for expiry. Default: a tenth of the response timeout, at most 1 s.</summary>
    public TimeSpan? TimeoutSweepInterval { get; set; }

    /// <summary>Most work items an activation runs before yielding its thread to others. Default 64; 1–100,000.</summary>
    public int TurnBudget { get; set; } = 64;

    internal TimeSpan EffectiveSweepInterval => TimeoutSweepInterval ?? TimeSpan.FromTicks(Math.Min(TimeSpan.TicksPerSecond, ResponseTimeout.Ticks / 10));
}

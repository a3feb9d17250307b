using TradingRobotPlug.GrainInterfaces.Trading;

namespace TradingRobotPlug.Grains.Trading;

/// <summary>The outcome of evaluating one order against one bar. Exactly one of <see cref="Fill"/> / <see cref="Rejection"/> is set, or neither when resting.</summary>
public sealed record FillDecision
{
    private FillDecision(FillDecisionKind kind, OrderFilled? fill, OrderRejected? rejection, string reason)
    {
        Kind = kind;
        Fill = fill;
        Rejection = rejection;
        Reason = reason;
    }

    /// <summary>Filled, resting or rejected.</summary>
    public FillDecisionKind Kind { get; }

    /// <summary>The execution when <see cref="Kind"/> is <see cref="FillDecisionKind.Filled"/>, else null.</summary>
    public OrderFilled? Fill { get; }

    /// <summary>The rejection when <see cref="Kind"/> is <see cref="FillDecisionKind.Rejected"/>, else null.</summary>
    public OrderRejected? Rejection { get; }

    /// <summary>Why the order rests or was rejected; for a fill, a note (empty, or why the quantity was reduced).</summary>
    public string Reason { get; }

    /// <summary>A fill.</summary>
    /// <param name="fill">The execution.</param>
    /// <param name="note">Optional note, e.g. that the quantity was reduced to the cash available.</param>
    /// <exception cref="ArgumentNullException"><paramref name="fill"/> is null.</exception>
    public static FillDecision Filled(OrderFilled fill, string note = "")
    {
        ArgumentNullException.ThrowIfNull(fill);
        return new FillDecision(FillDecisionKind.Filled, fill, null, note ?? string.Empty);
    }

    /// <summary>The order stays working.</summary>
    /// <exception cref="ArgumentException"><paramref name="reason"/> is empty.</exception>
    public static FillDecision Resting(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new FillDecision(FillDecisionKind.Resting, null, null, reason);
    }

    /// <summary>The order is refused.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="rejection"/> is null.</exception>
    public static FillDecision Rejected(OrderRejected rejection)
    {
        ArgumentNullException.ThrowIfNull(rejection);
        return new FillDecision(FillDecisionKind.Rejected, null, rejection, rejection.Reason);
    }
}

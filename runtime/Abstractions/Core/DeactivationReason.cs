namespace TradingRobotPlug.Runtime;

/// <summary>The reason passed to <see cref="Grain.OnDeactivateAsync"/>.</summary>
/// <param name="ReasonCode">The category.</param>
/// <param name="Description">A human-readable explanation.</param>
/// <param name="Exception">The error that caused it, if any.</param>
public readonly record struct DeactivationReason(DeactivationReasonCode ReasonCode, string Description, Exception? Exception = null)
{
    /// <inheritdoc/>
    public override string ToString() => Exception is null ? $"{ReasonCode}: {Description}" : $"{ReasonCode}: {Description} ({Exception.GetType().Name})";
}

namespace TradingRobotPlug.Grains.Strategies;

/// <summary>
/// A strategy spec is invalid. <see cref="Errors"/> lists every problem found (syntax, unknown kind, unknown
/// parameter, unreadable or out-of-range value, inconsistent parameters), so a caller can show them all at once.
/// </summary>
public sealed class StrategySpecException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="spec">The spec text as given.</param>
    /// <param name="errors">One message per problem; at least one.</param>
    public StrategySpecException(string spec, IReadOnlyList<string> errors)
        : base($"Invalid strategy spec '{spec}': {string.Join("; ", errors)}.", "spec")
    {
        Spec = spec;
        Errors = errors;
    }

    /// <summary>The spec text as given.</summary>
    public string Spec { get; }

    /// <summary>Every problem found, in the order met.</summary>
    public IReadOnlyList<string> Errors { get; }
}

using System.Globalization;

namespace TradingRobotPlug.Grains.Strategies;

/// <summary>
/// A check across several parameters of a strategy kind (e.g. fast &lt; slow). It runs whenever all the parameters it
/// names have valid values, even if other parameters are bad, so one validation reports every problem.
/// </summary>
public sealed class StrategyRule
{
    private readonly Func<IReadOnlyDictionary<string, double>, string?> _check;

    /// <summary>Creates a rule.</summary>
    /// <param name="parameters">Names of the parameters the rule reads.</param>
    /// <param name="check">Given the parameter values (by name; booleans as 0/1), returns an error message, or null when the rule holds.</param>
    public StrategyRule(IReadOnlyList<string> parameters, Func<IReadOnlyDictionary<string, double>, string?> check)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(check);
        Parameters = parameters;
        _check = check;
    }

    /// <summary>The parameters the rule reads.</summary>
    public IReadOnlyList<string> Parameters { get; }

    /// <summary>A rule requiring parameter <paramref name="lower"/> to be strictly less than parameter <paramref name="upper"/>.</summary>
    public static StrategyRule LessThan(string lower, string upper) => new(
        [lower, upper],
        values => values[lower] < values[upper]
            ? null
            : $"{lower} ({Format(values[lower])}) must be less than {upper} ({Format(values[upper])})");

    internal string? Check(IReadOnlyDictionary<string, double> values) => _check(values);

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}

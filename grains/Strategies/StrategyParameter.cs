using System.Globalization;
using System.Text.RegularExpressions;

namespace TradingRobotPlug.Grains.Strategies;

/// <summary>
/// Declares one parameter of a strategy kind: name, type, default and inclusive range. Values are held as doubles
/// (booleans as 0/1) and written back in one canonical text form.
/// </summary>
public sealed partial class StrategyParameter
{
    private StrategyParameter(string name, StrategyParameterType type, double defaultValue, double minimum, double maximum, string description)
    {
        if (!NamePattern().IsMatch(name))
        {
            throw new ArgumentException($"Parameter name '{name}' must be lower-case letters, digits, '_' or '-', starting with a letter.", nameof(name));
        }

        if (minimum > maximum || defaultValue < minimum || defaultValue > maximum)
        {
            throw new ArgumentOutOfRangeException(nameof(defaultValue), defaultValue, $"Parameter '{name}': the default must lie in [minimum, maximum] = [{minimum}, {maximum}].");
        }

        Name = name;
        Type = type;
        Default = defaultValue;
        Minimum = minimum;
        Maximum = maximum;
        Description = description;
    }

    /// <summary>The name used in spec strings (lower case).</summary>
    public string Name { get; }

    /// <summary>How the value is read.</summary>
    public StrategyParameterType Type { get; }

    /// <summary>The value used when the spec omits the parameter (booleans: 0 or 1).</summary>
    public double Default { get; }

    /// <summary>Smallest accepted value (inclusive).</summary>
    public double Minimum { get; }

    /// <summary>Largest accepted value (inclusive).</summary>
    public double Maximum { get; }

    /// <summary>What the parameter means, with its unit.</summary>
    public string Description { get; }

    /// <summary>The default in canonical text form.</summary>
    public string DefaultText => Format(Default);

    /// <summary>Declares an integer parameter.</summary>
    /// <exception cref="ArgumentException">The name is not valid.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The default is outside [minimum, maximum].</exception>
    public static StrategyParameter Integer(string name, int defaultValue, int minimum, int maximum, string description) =>
        new(name, StrategyParameterType.Integer, defaultValue, minimum, maximum, description);

    /// <summary>Declares a real-valued parameter.</summary>
    /// <exception cref="ArgumentException">The name is not valid.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The default is outside [minimum, maximum].</exception>
    public static StrategyParameter Real(string name, double defaultValue, double minimum, double maximum, string description) =>
        new(name, StrategyParameterType.Real, defaultValue, minimum, maximum, description);

    /// <summary>Declares a boolean parameter.</summary>
    /// <exception cref="ArgumentException">The name is not valid.</exception>
    public static StrategyParameter Boolean(string name, bool defaultValue, string description) =>
        new(name, StrategyParameterType.Boolean, defaultValue ? 1 : 0, 0, 1, description);

    /// <summary>Reads a value; on failure <paramref name="error"/> says why, naming the parameter.</summary>
    internal bool TryConvert(string text, out double value, out string error)
    {
        error = string.Empty;
        switch (Type)
        {
            case StrategyParameterType.Integer:
                if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
                {
                    value = 0;
                    error = $"parameter '{Name}': '{text}' is not an integer";
                    return false;
                }

                value = integer;
                break;
            case StrategyParameterType.Real:
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) || !double.IsFinite(value))
                {
                    error = $"parameter '{Name}': '{text}' is not a number";
                    return false;
                }

                break;
            default:
                if (bool.TryParse(text, out var flag))
                {
                    value = flag ? 1 : 0;
                    return true;
                }

                value = 0;
                error = $"parameter '{Name}': '{text}' is not true or false";
                return false;
        }

        if (value < Minimum || value > Maximum)
        {
            error = $"parameter '{Name}': {Format(value)} is out of range [{Format(Minimum)}, {Format(Maximum)}]";
            return false;
        }

        return true;
    }

    /// <summary>Canonical text of a value of this parameter.</summary>
    internal string Format(double value) => Type switch
    {
        StrategyParameterType.Boolean => value != 0 ? "true" : "false",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    [GeneratedRegex("^[a-z][a-z0-9_-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}

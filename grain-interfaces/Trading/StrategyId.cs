using Orleans;
using System.Text.Json.Serialization;

namespace TradingRobotPlug.GrainInterfaces.Trading;

/// <summary>
/// Identifies a strategy. Canonical form: a lower-case slug matching <c>[a-z0-9][a-z0-9._-]{0,63}</c>
/// (1–64 characters; first a letter or digit). Parsing lower-cases the ASCII letters A–Z only, so <c>"Momentum-1"</c>
/// and <c>"momentum-1"</c> are the same id; white space and every non-ASCII character are refused (no culture or
/// Unicode case mapping applies, so the Kelvin sign U+212A is not taken for <c>k</c>). The canonical string doubles as the strategy
/// grain's key and is the JSON form. <c>default(StrategyId)</c> is not a valid id (its <see cref="Value"/> is null).
/// </summary>
[JsonConverter(typeof(StrategyIdJsonConverter))]
[GenerateSerializer, Immutable, Alias("trp.StrategyId")]
public readonly record struct StrategyId
{
    /// <summary>Longest canonical id, in characters.</summary>
    public const int MaxLength = 64;

    private StrategyId(string value) => Value = value;

    /// <summary>The canonical slug; null only for <c>default(StrategyId)</c>.</summary>
    [Id(0)]
    public string Value { get; }

    /// <summary>True for <c>default(StrategyId)</c>, which no parse produces.</summary>
    public bool IsDefault => Value is null;

    /// <summary>Parses and canonicalises a strategy id.</summary>
    /// <param name="value">The text, e.g. <c>"sma-cross"</c>.</param>
    /// <exception cref="FormatException">The text is empty, longer than 64 characters, does not start with a letter or
    /// digit, or has a character other than a–z, 0–9, '.', '_' and '-'; the message quotes the text.</exception>
    public static StrategyId Parse(string value)
    {
        if (!TryParse(value, out var id, out var error))
        {
            throw new FormatException(error);
        }

        return id;
    }

    /// <summary>Tries to parse and canonicalise a strategy id; false (and <c>default</c>) when it is not valid.</summary>
    public static bool TryParse(string? value, out StrategyId id) => TryParse(value, out id, out _);

    internal static bool TryParse(string? value, out StrategyId id, out string error)
    {
        id = default;
        if (string.IsNullOrWhiteSpace(value))
        {
            error = "Strategy id is empty.";
            return false;
        }

        var s = AsciiText.ToLower(value);
        if (s.Length > MaxLength)
        {
            error = $"Strategy id '{value}' is longer than {MaxLength} characters.";
            return false;
        }

        if (!char.IsAsciiLetterLower(s[0]) && !char.IsAsciiDigit(s[0]))
        {
            error = $"Strategy id '{value}' must start with a letter or digit, not '{s[0]}'.";
            return false;
        }

        foreach (char c in s)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '_' or '-'))
            {
                error = $"Strategy id '{value}' has the character '{c}'; allowed are a-z, 0-9, '.', '_' and '-'.";
                return false;
            }
        }

        id = new StrategyId(s);
        error = string.Empty;
        return true;
    }

    /// <summary>The canonical slug (empty for <c>default</c>).</summary>
    public override string ToString() => Value ?? string.Empty;
}

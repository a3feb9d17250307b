using Orleans;
using System.Text.Json.Serialization;

namespace TradingRobotPlug.GrainInterfaces.Market;

/// <summary>
/// Identifies a tradable instrument by its symbol (e.g. <c>SPX</c>). Canonical form: upper-case, 1–32 characters of
/// A–Z, 0–9, '.', '-', '_' and '^'. The canonical string doubles as the instrument grain's key.
/// </summary>
[JsonConverter(typeof(InstrumentIdJsonConverter))]
[GenerateSerializer, Immutable, Alias("trp.InstrumentId")]
public readonly record struct InstrumentId
{
    private InstrumentId(string symbol) => Symbol = symbol;

    /// <summary>The canonical symbol.</summary>
    [Id(0)]
    public string Symbol { get; }

    /// <summary>Parses and canonicalises a symbol.</summary>
    /// <exception cref="FormatException">The symbol is empty, longer than 32 characters, or has a character outside the allowed set.</exception>
    public static InstrumentId Parse(string symbol)
    {
        if (!TryParse(symbol, out var id, out var error))
        {
            throw new FormatException(error);
        }

        return id;
    }

    /// <summary>Tries to parse a symbol.</summary>
    public static bool TryParse(string? symbol, out InstrumentId id) => TryParse(symbol, out id, out _);

    internal static bool TryParse(string? symbol, out InstrumentId id, out string error)
    {
        id = default;
        if (string.IsNullOrWhiteSpace(symbol))
        {
            error = "Instrument symbol is empty.";
            return false;
        }

        var s = symbol.Trim().ToUpperInvariant();
        if (s.Length > 32)
        {
            error = $"Instrument symbol '{symbol}' is longer than 32 characters.";
            return false;
        }

        foreach (char c in s)
        {
            if (!(c is >= 'A' and <= 'Z' or >= '0' and <= '9' or '.' or '-' or '_' or '^'))
            {
                error = $"Instrument symbol '{symbol}' has the character '{c}'; allowed are A-Z, 0-9, '.', '-', '_' and '^'.";
                return false;
            }
        }

        id = new InstrumentId(s);
        error = string.Empty;
        return true;
    }

    /// <inheritdoc/>
    public override string ToString() => Symbol ?? string.Empty;
}

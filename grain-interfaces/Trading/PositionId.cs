using Orleans;
using System.Text.Json.Serialization;
using TradingRobotPlug.GrainInterfaces.Market;

namespace TradingRobotPlug.GrainInterfaces.Trading;

/// <summary>
/// Identifies a strategy's position in one instrument. Canonical form <c>"{strategy}:{SYMBOL}"</c>, e.g.
/// <c>"sma-cross:SPX"</c>: the canonical <see cref="StrategyId"/> (lower case), one colon, the canonical
/// <see cref="InstrumentId"/> (upper case). Neither part may contain ':', so the split is unambiguous. The canonical
/// string doubles as the position grain's key and is the JSON form. <c>default(PositionId)</c> is not a valid id.
/// </summary>
[JsonConverter(typeof(PositionIdJsonConverter))]
[GenerateSerializer, Immutable, Alias("trp.PositionId")]
public readonly record struct PositionId
{
    /// <summary>Creates the id of <paramref name="strategy"/>'s position in <paramref name="instrument"/>.</summary>
    /// <exception cref="ArgumentException">Either part is default (unset).</exception>
    public PositionId(StrategyId strategy, InstrumentId instrument)
    {
        if (strategy.IsDefault)
        {
            throw new ArgumentException("Strategy id is default (unset).", nameof(strategy));
        }

        if (instrument.Symbol is null)
        {
            throw new ArgumentException("Instrument id is default (unset).", nameof(instrument));
        }

        Strategy = strategy;
        Instrument = instrument;
    }

    /// <summary>The strategy holding the position.</summary>
    [Id(0)]
    public StrategyId Strategy { get; }

    /// <summary>The instrument held.</summary>
    [Id(1)]
    public InstrumentId Instrument { get; }

    /// <summary>True for <c>default(PositionId)</c>, which neither the constructor nor a parse produces.</summary>
    public bool IsDefault => Strategy.IsDefault;

    /// <summary>Parses <c>"{strategy}:{symbol}"</c>, canonicalising both parts.</summary>
    /// <exception cref="FormatException">There is not exactly one ':' or a part is not a valid id; the message quotes the text and says which part.</exception>
    public static PositionId Parse(string value)
    {
        if (!TryParse(value, out var id, out var error))
        {
            throw new FormatException(error);
        }

        return id;
    }

    /// <summary>Tries to parse <c>"{strategy}:{symbol}"</c>; false (and <c>default</c>) when it is not valid.</summary>
    public static bool TryParse(string? value, out PositionId id) => TryParse(value, out id, out _);

    internal static bool TryParse(string? value, out PositionId id, out string error)
    {
        id = default;
        if (string.IsNullOrWhiteSpace(value))
        {
            error = "Position id is empty.";
            return false;
        }

        int colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || value.IndexOf(':', colon + 1) >= 0)
        {
            error = $"Position id '{value}' must have the form '{{strategy}}:{{SYMBOL}}' with exactly one ':'.";
            return false;
        }

        if (!StrategyId.TryParse(value[..colon], out var strategy, out var strategyError))
        {
            error = $"Position id '{value}': {strategyError}";
            return false;
        }

        if (!InstrumentId.TryParse(value[(colon + 1)..], out var instrument, out var instrumentError))
        {
            error = $"Position id '{value}': {instrumentError}";
            return false;
        }

        id = new PositionId(strategy, instrument);
        error = string.Empty;
        return true;
    }

    /// <summary>The canonical <c>"{strategy}:{SYMBOL}"</c> (empty for <c>default</c>).</summary>
    public override string ToString() => IsDefault ? string.Empty : $"{Strategy.Value}:{Instrument.Symbol}";
}

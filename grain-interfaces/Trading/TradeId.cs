using Orleans;
using System.Globalization;
using System.Text.Json.Serialization;

namespace TradingRobotPlug.GrainInterfaces.Trading;

/// <summary>
/// Identifies one execution (fill) of an order, as NautilusTrader's <c>TradeId</c> does; it is not the id of a round
/// trip (<see cref="TradeRecord"/>). Positions reject a fill whose trade id they have already applied. Opaque and
/// case-sensitive: 1–128 characters, first an ASCII letter or digit, the rest ASCII letters, digits, '.', '_', ':'
/// or '-'. <see cref="ForFill"/> makes deterministic ids <c>"{order}-f{fillNumber}"</c>.
/// <c>default(TradeId)</c> is not a valid id.
/// </summary>
[JsonConverter(typeof(TradeIdJsonConverter))]
[GenerateSerializer, Immutable, Alias("trp.TradeId")]
public readonly record struct TradeId
{
    /// <summary>Longest id, in characters.</summary>
    public const int MaxLength = 128;

    private TradeId(string value) => Value = value;

    /// <summary>The id text; null only for <c>default(TradeId)</c>.</summary>
    [Id(0)]
    public string Value { get; }

    /// <summary>True for <c>default(TradeId)</c>, which no parse produces.</summary>
    public bool IsDefault => Value is null;

    /// <summary>The deterministic id of the <paramref name="fillNumber"/>-th fill of an order: <c>"{order}-f{fillNumber}"</c>.</summary>
    /// <param name="order">The filled order; must not be default.</param>
    /// <param name="fillNumber">1 for the first fill of the order, 2 for the second, …</param>
    /// <exception cref="ArgumentException"><paramref name="order"/> is default.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fillNumber"/> is below 1.</exception>
    public static TradeId ForFill(OrderId order, int fillNumber)
    {
        if (order.IsDefault)
        {
            throw new ArgumentException("Order id is default (unset).", nameof(order));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(fillNumber, 1);
        return new TradeId(string.Create(CultureInfo.InvariantCulture, $"{order.Value}-f{fillNumber}"));
    }

    /// <summary>Parses a trade id.</summary>
    /// <exception cref="FormatException">The text is empty, longer than 128 characters or has a character outside the
    /// allowed set; the message quotes the text.</exception>
    public static TradeId Parse(string value)
    {
        if (!TryParse(value, out var id, out var error))
        {
            throw new FormatException(error);
        }

        return id;
    }

    /// <summary>Tries to parse a trade id; false (and <c>default</c>) when it is not valid.</summary>
    public static bool TryParse(string? value, out TradeId id) => TryParse(value, out id, out _);

    internal static bool TryParse(string? value, out TradeId id, out string error)
    {
        id = default;
        if (!IdText.TryValidateOpaque(value, "Trade id", MaxLength, out error))
        {
            return false;
        }

        id = new TradeId(value!);
        return true;
    }

    /// <summary>The id text (empty for <c>default</c>).</summary>
    public override string ToString() => Value ?? string.Empty;
}

using Orleans;
using System.Globalization;
using System.Text.Json.Serialization;

namespace TradingRobotPlug.GrainInterfaces.Trading;

/// <summary>
/// Identifies an order. Opaque and case-sensitive: 1–96 characters, first an ASCII letter or digit, the rest ASCII
/// letters, digits, '.', '_', ':' or '-'. Nothing is trimmed or folded, so the canonical form is the text itself.
/// <see cref="Create"/> makes deterministic ids <c>"{strategy}-o{sequence}"</c> (no clock or random source, so
/// replays produce the same ids). <c>default(OrderId)</c> is not a valid id.
/// </summary>
[JsonConverter(typeof(OrderIdJsonConverter))]
[GenerateSerializer, Immutable, Alias("trp.OrderId")]
public readonly record struct OrderId
{
    /// <summary>Longest id, in characters.</summary>
    public const int MaxLength = 96;

    private OrderId(string value) => Value = value;

    /// <summary>The id text; null only for <c>default(OrderId)</c>.</summary>
    [Id(0)]
    public string Value { get; }

    /// <summary>True for <c>default(OrderId)</c>, which no parse produces.</summary>
    public bool IsDefault => Value is null;

    /// <summary>The deterministic id of a strategy's <paramref name="sequence"/>-th order: <c>"{strategy}-o{sequence}"</c>.</summary>
    /// <param name="strategy">The strategy placing the order; must not be default.</param>
    /// <param name="sequence">Order number within the strategy, ≥ 0.</param>
    /// <exception cref="ArgumentException"><paramref name="strategy"/> is default.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sequence"/> is negative.</exception>
    public static OrderId Create(StrategyId strategy, long sequence)
    {
        if (strategy.IsDefault)
        {
            throw new ArgumentException("Strategy id is default (unset).", nameof(strategy));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        return new OrderId(string.Create(CultureInfo.InvariantCulture, $"{strategy.Value}-o{sequence}"));
    }

    /// <summary>Parses an order id.</summary>
    /// <exception cref="FormatException">The text is empty, longer than 96 characters or has a character outside the
    /// allowed set; the message quotes the text.</exception>
    public static OrderId Parse(string value)
    {
        if (!TryParse(value, out var id, out var error))
        {
            throw new FormatException(error);
        }

        return id;
    }

    /// <summary>Tries to parse an order id; false (and <c>default</c>) when it is not valid.</summary>
    public static bool TryParse(string? value, out OrderId id) => TryParse(value, out id, out _);

    internal static bool TryParse(string? value, out OrderId id, out string error)
    {
        id = default;
        if (!IdText.TryValidateOpaque(value, "Order id", MaxLength, out error))
        {
            return false;
        }

        id = new OrderId(value!);
        return true;
    }

    /// <summary>The id text (empty for <c>default</c>).</summary>
    public override string ToString() => Value ?? string.Empty;
}

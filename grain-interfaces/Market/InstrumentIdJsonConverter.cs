using System.Text.Json;
using System.Text.Json.Serialization;

namespace TradingRobotPlug.GrainInterfaces.Market;

/// <summary>
/// Serializes <see cref="InstrumentId"/> as its canonical symbol string, both as a value and as a dictionary key.
/// Reading text that is not a valid symbol throws <see cref="JsonException"/> whose message says why.
/// </summary>
public sealed class InstrumentIdJsonConverter : JsonConverter<InstrumentId>
{
    /// <inheritdoc/>
    public override InstrumentId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"Instrument id must be a JSON string, found {reader.TokenType}.");
        }

        return FromText(reader.GetString());
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, InstrumentId value, JsonSerializerOptions options)
        => writer.WriteStringValue(value.Symbol);

    /// <inheritdoc/>
    public override InstrumentId ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => FromText(reader.GetString());

    /// <inheritdoc/>
    public override void WriteAsPropertyName(Utf8JsonWriter writer, InstrumentId value, JsonSerializerOptions options)
        => writer.WritePropertyName(value.Symbol ?? string.Empty);

    private static InstrumentId FromText(string? text)
        => InstrumentId.TryParse(text, out var id, out var error) ? id : throw new JsonException(error);
}

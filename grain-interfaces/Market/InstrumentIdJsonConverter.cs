using System.Text.Json;
using System.Text.Json.Serialization;

namespace TradingRobotPlug.GrainInterfaces.Market;

/// <summary>Serializes <see cref="InstrumentId"/> as its canonical symbol string.</summary>
public sealed class InstrumentIdJsonConverter : JsonConverter<InstrumentId>
{
    /// <inheritdoc/>
    public override InstrumentId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => InstrumentId.Parse(reader.GetString() ?? throw new JsonException("Instrument id must be a string."));

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, InstrumentId value, JsonSerializerOptions options)
        => writer.WriteStringValue(value.Symbol);
}

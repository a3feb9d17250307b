using System.Text.Json.Serialization;

namespace TradingRobotPlug.GrainInterfaces.Trading;

/// <summary>Direction of a position or round-trip trade. Serialized as its name ("Long", "Short").</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PositionSide>))]
public enum PositionSide
{
    /// <summary>Positive quantity: gains when the price rises.</summary>
    Long = 1,

    /// <summary>Negative quantity: gains when the price falls.</summary>
    Short = 2,
}

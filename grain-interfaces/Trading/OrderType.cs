using System.Text.Json.Serialization;

namespace TradingRobotPlug.GrainInterfaces.Trading;

/// <summary>How an order's price is chosen. Serialized as its name ("Market", "Limit", "Stop").</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OrderType>))]
public enum OrderType
{
    /// <summary>Fill at the next available price (plus slippage).</summary>
    Market = 1,

    /// <summary>Fill only at the limit price or better (buy at or below, sell at or above).</summary>
    Limit = 2,

    /// <summary>Becomes a market order once the stop price trades (buy stop at or above, sell stop at or below).</summary>
    Stop = 3,
}

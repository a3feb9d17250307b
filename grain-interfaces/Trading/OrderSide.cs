using System.Text.Json.Serialization;

namespace TradingRobotPlug.GrainInterfaces.Trading;

/// <summary>Direction of an order or fill. Serialized as its name ("Buy", "Sell").</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OrderSide>))]
public enum OrderSide
{
    /// <summary>Buy: raises the signed position quantity.</summary>
    Buy = 1,

    /// <summary>Sell: lowers the signed position quantity.</summary>
    Sell = 2,
}

using System.Text.Json.Serialization;

namespace TradingRobotPlug.GrainInterfaces.Trading;

/// <summary>Why a round trip was closed. Serialized as its name ("Signal", "Liquidation").</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TradeExitReason>))]
public enum TradeExitReason
{
    /// <summary>An ordinary order closed it (the strategy's target changed); also the value of an open trade.</summary>
    Signal = 0,

    /// <summary>A short was bought back because the account's equity fell to the maintenance margin (see docs/strategies.md, "Short selling").</summary>
    Liquidation = 1,
}

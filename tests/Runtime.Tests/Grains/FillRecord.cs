namespace TradingRobotPlug.Runtime.Tests.Grains;

/// <summary>An immutable sealed record (init-only members of immutable types): passed by reference, never copied.</summary>
public sealed record FillRecord(string TradeId, decimal Price, decimal Quantity);

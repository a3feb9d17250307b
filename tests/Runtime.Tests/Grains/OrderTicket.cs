namespace TradingRobotPlug.Runtime.Tests.Grains;

/// <summary>A mutable boundary type (settable properties, a list): the runtime must deep-copy it on every call.</summary>
public sealed class OrderTicket
{
    public string Symbol { get; set; } = string.Empty;

    public decimal Quantity { get; set; }

    public List<decimal> Limits { get; set; } = [];
}

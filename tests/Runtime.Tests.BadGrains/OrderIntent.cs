namespace TradingRobotPlug.Runtime.Tests.BadGrains;

/// <summary>A boundary type declared only in <see cref="OrderIntentJsonContext"/>, which silos do not register by default.</summary>
public sealed class OrderIntent
{
    /// <summary>The instrument.</summary>
    public string Symbol { get; set; } = string.Empty;

    /// <summary>The quantity.</summary>
    public decimal Quantity { get; set; }
}

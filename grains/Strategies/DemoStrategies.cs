namespace TradingRobotPlug.Grains.Strategies;

/// <summary>The seven demo strategies (one of each kind, textbook parameters) run by the default jobs.</summary>
public static class DemoStrategies
{
    /// <summary>Spec strings, in display order.</summary>
    public static IReadOnlyList<string> Specs { get; } =
    [
        "sma-cross:fast=50,slow=200",
        "ema-cross:fast=12,slow=26",
        "rsi-reversion:period=14,lower=30,upper=70",
        "macd-cross:fast=12,slow=26,signal=9",
        "bollinger-reversion:period=20,k=2",
        "donchian-breakout:entry=20,exit=10",
        "buy-and-hold",
    ];

    /// <summary>A readable strategy id for a demo spec: the kind and its parameter values joined by '-',
    /// e.g. <c>sma-cross-50-200</c>.</summary>
    public static string IdFor(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var parts = spec.Split(':', 2);
        if (parts.Length == 1)
        {
            return parts[0];
        }

        var values = parts[1].Split(',').Select(p => p.Split('=', 2)[^1].Replace('.', '_'));
        return $"{parts[0]}-{string.Join('-', values)}";
    }
}

namespace TradingRobotPlug.Grains.Strategies;

/// <summary>Parameter declarations and decision rules shared by several strategy kinds.</summary>
internal static class StrategyRules
{
    /// <summary>Largest lookback accepted in a spec.</summary>
    public const int MaxPeriod = 10_000;

    public static StrategyParameter Period(string name, int defaultValue, string description) =>
        StrategyParameter.Integer(name, defaultValue, 1, MaxPeriod, description);

    public static StrategyParameter AllowShort() =>
        StrategyParameter.Boolean("short", false, "true: hold Short while the fast line is below the slow line; false: Flat instead");

    /// <summary>Long when fast &gt; slow; Short when fast &lt; slow and shorting is allowed; otherwise Flat (equal lines: Flat).</summary>
    public static TargetPosition Cross(double fast, double slow, bool allowShort) =>
        fast > slow ? TargetPosition.Long
        : allowShort && fast < slow ? TargetPosition.Short
        : TargetPosition.Flat;
}

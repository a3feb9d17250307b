namespace TradingRobotPlug.Grains.Strategies;

/// <summary>How a strategy parameter's text is read.</summary>
public enum StrategyParameterType
{
    /// <summary>A whole number written without decimals or exponent, e.g. <c>50</c>.</summary>
    Integer,

    /// <summary>A finite number in invariant culture, e.g. <c>2</c>, <c>2.5</c>, <c>1e-3</c>.</summary>
    Real,

    /// <summary><c>true</c> or <c>false</c> (any case).</summary>
    Boolean,
}

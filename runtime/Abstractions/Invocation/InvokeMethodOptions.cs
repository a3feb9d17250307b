namespace TradingRobotPlug.Runtime.Invocation;

/// <summary>Scheduling flags of a grain method, from its attributes.</summary>
[Flags]
public enum InvokeMethodOptions
{
    /// <summary>An ordinary call: runs alone on a non-reentrant grain.</summary>
    None = 0,

    /// <summary><c>[OneWay]</c>: no response.</summary>
    OneWay = 1,

    /// <summary><c>[ReadOnly]</c>: interleaves with other read-only calls.</summary>
    ReadOnly = 2,

    /// <summary><c>[AlwaysInterleave]</c>: interleaves with anything.</summary>
    AlwaysInterleave = 4,
}

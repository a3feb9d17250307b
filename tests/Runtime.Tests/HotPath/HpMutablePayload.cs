namespace TradingRobotPlug.Runtime.Tests.HotPath;

/// <summary>A mutable stream payload: the runtime must hand every subscriber its own copy.</summary>
public sealed class HpMutablePayload
{
    /// <summary>A settable value.</summary>
    public int Value { get; set; }
}

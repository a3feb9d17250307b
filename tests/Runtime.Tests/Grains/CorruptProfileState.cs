namespace TradingRobotPlug.Runtime.Tests.Grains;

/// <summary>Written over a <see cref="ProfileState"/> record to corrupt it: <c>Count</c> becomes a JSON string.</summary>
public sealed class CorruptProfileState
{
    public string Count { get; set; } = "not a number";
}

namespace TradingRobotPlug.Runtime.Tests.Grains;

/// <summary>Persistent state of <see cref="LifecycleGrain"/>.</summary>
public sealed class ProfileState
{
    public int Count { get; set; }

    public string? Label { get; set; }
}

namespace TradingRobotPlug.Runtime.Tests.HotPath;

/// <summary>A reentrant grain: its calls interleave at awaits.</summary>
public interface IHpReentrantGrain : IGrainWithStringKey
{
    /// <summary>Waits for the gate named after the grain key; returns the most calls that were inside at once.</summary>
    Task<int> WaitGate();
}

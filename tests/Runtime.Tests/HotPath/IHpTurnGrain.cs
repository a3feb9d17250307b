using TradingRobotPlug.Runtime.Concurrency;

namespace TradingRobotPlug.Runtime.Tests.HotPath;

/// <summary>A non-reentrant grain that records how its turns overlap.</summary>
public interface IHpTurnGrain : IGrainWithStringKey
{
    /// <summary>Awaits a few times (yielding to the scheduler); returns how many calls were inside at most.</summary>
    Task<int> Yielding();

    /// <summary>Waits for the gate named after the grain key plus <paramref name="suffix"/>; returns the most calls that were inside at once.</summary>
    Task<int> WaitGate(string suffix);

    /// <summary>Read-only: waits for the gate named after the grain key plus <paramref name="suffix"/>; returns the most read-only calls inside at once.</summary>
    [ReadOnly]
    Task<int> ReadWaitGate(string suffix);

    /// <summary>Appends <paramref name="value"/> to the grain's list.</summary>
    Task Append(int value);

    /// <summary>Appends <paramref name="value"/> to the grain's list, without a response.</summary>
    [OneWay]
    Task AppendOneWay(int value);

    /// <summary>The values appended so far, in arrival order.</summary>
    Task<List<int>> Appended();

    /// <summary>Adds 99 to the given list (the grain's copy), keeps it, and returns it.</summary>
    Task<List<int>> KeepAndReturn(List<int> values);

    /// <summary>How many calls ran (not counting this one).</summary>
    Task<int> Runs();

    /// <summary>Deactivates the grain after this call.</summary>
    Task Deactivate();

    /// <summary>Throws <see cref="InvalidOperationException"/> after an await.</summary>
    Task FailAfterAwait(string message);
}

namespace TradingRobotPlug.Runtime.Tests.Infrastructure;

/// <summary>One named event stream of a <see cref="TestProbe"/>: the values signalled so far and who waits for a count.</summary>
internal sealed class ProbeChannel
{
    public List<object?> Values { get; } = [];

    public List<(int Count, TaskCompletionSource Waiter)> Waiters { get; } = [];
}

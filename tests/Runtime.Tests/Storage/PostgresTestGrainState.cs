using TradingRobotPlug.Runtime.Storage;

namespace TradingRobotPlug.Runtime.Tests.Storage;

/// <summary>Minimal <see cref="IGrainState{TState}"/> holder, as an activation would keep it.</summary>
public sealed class PostgresTestGrainState<TState> : IGrainState<TState>
    where TState : new()
{
    public TState State { get; set; } = new();

    public string? ETag { get; set; }

    public bool RecordExists { get; set; }
}

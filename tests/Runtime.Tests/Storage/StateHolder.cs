using TradingRobotPlug.Runtime.Storage;

namespace TradingRobotPlug.Runtime.Tests.Storage;

/// <summary>An <see cref="IGrainState{TState}"/> for reading and writing records through a storage provider directly.</summary>
public sealed class StateHolder<TState> : IGrainState<TState>
    where TState : new()
{
    public TState State { get; set; } = new();

    public string? ETag { get; set; }

    public bool RecordExists { get; set; }
}

using TradingRobotPlug.Runtime.Invocation;

namespace TradingRobotPlug.Runtime.Tests.Serialization;

/// <summary>A copier that records which declared types generated code asked it to copy (and returns the value as is).</summary>
public sealed class RecordingCopier : IDeepCopier
{
    public List<Type> Copied { get; } = [];

    public T Copy<T>(T value)
    {
        Copied.Add(typeof(T));
        return value;
    }
}

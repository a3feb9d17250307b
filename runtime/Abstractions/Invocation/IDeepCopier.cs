namespace TradingRobotPlug.Runtime.Invocation;

/// <summary>
/// Copies values that cross a grain boundary through the runtime's serializer, so grain code behaves the same
/// whether the other side is local or remote. Immutable values are not passed through it.
/// </summary>
public interface IDeepCopier
{
    /// <summary>A deep copy of <paramref name="value"/> (serialize, then deserialize, as declared type <typeparamref name="T"/>).</summary>
    /// <exception cref="NotSupportedException">The type is not declared serializable.</exception>
    T Copy<T>(T value);
}

namespace TradingRobotPlug.Runtime.Invocation;

/// <summary>A request whose method produces <typeparamref name="TResult"/> (<see cref="object"/> and null for void methods).</summary>
/// <typeparam name="TResult">Result type.</typeparam>
public abstract class Request<TResult> : Request
{
    /// <summary>Calls the method on <paramref name="grain"/>, which implements the request's interface.</summary>
    public abstract ValueTask<TResult> InvokeAsync(object grain);

    /// <summary>Copies a result for the caller: identity for immutable result types, a deep copy otherwise.</summary>
    public abstract TResult CopyResult(TResult result, IDeepCopier copier);
}

namespace TradingRobotPlug.Runtime.Invocation;

/// <summary>What generated grain proxies call to send requests. Implemented by the engine.</summary>
public interface IGrainReferenceRuntime
{
    /// <summary>The copier for arguments.</summary>
    IDeepCopier Copier { get; }

    /// <summary>Sends <paramref name="request"/> to the grain and completes with its (copied) result.</summary>
    /// <exception cref="TimeoutException">No response within the response timeout.</exception>
    Task<TResult> InvokeAsync<TResult>(GrainReference target, Request<TResult> request);

    /// <summary>Sends a one-way request; returns at once.</summary>
    void InvokeOneWay(GrainReference target, Request<object?> request);
}

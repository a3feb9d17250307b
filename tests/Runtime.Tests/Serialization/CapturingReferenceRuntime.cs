using TradingRobotPlug.Runtime.Invocation;

namespace TradingRobotPlug.Runtime.Tests.Serialization;

/// <summary>Stands in for the engine under a generated proxy: keeps the requests it is given instead of sending them.</summary>
public sealed class CapturingReferenceRuntime : IGrainReferenceRuntime
{
    public RecordingCopier RecordingCopier { get; } = new();

    public IDeepCopier Copier => RecordingCopier;

    public List<Request> Requests { get; } = [];

    public Task<TResult> InvokeAsync<TResult>(GrainReference target, Request<TResult> request)
    {
        Requests.Add(request);
        return Task.FromResult(default(TResult)!);
    }

    public void InvokeOneWay(GrainReference target, Request<object?> request) => Requests.Add(request);
}

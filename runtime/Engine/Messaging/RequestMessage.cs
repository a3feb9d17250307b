using System.Diagnostics;
using TradingRobotPlug.Runtime.Activation;
using TradingRobotPlug.Runtime.Catalog;
using TradingRobotPlug.Runtime.Invocation;
using TradingRobotPlug.Runtime.Storage;

namespace TradingRobotPlug.Runtime.Messaging;

/// <summary>A grain call in flight: the request, the caller's pending task, and the deadline.</summary>
/// <typeparam name="TResult">The method's result type (object/null for void).</typeparam>
internal sealed class RequestMessage<TResult> : Message
{
    private readonly Request<TResult> _request;
    private readonly TaskCompletionSource<TResult>? _response;
    private readonly GrainRuntimeClient _runtime;
    private readonly long _sentTimestamp;

    public RequestMessage(GrainId target, GrainClassInfo targetClass, Request<TResult> request, bool oneWay, GrainRuntimeClient runtime)
        : base(target, targetClass, oneWay ? long.MaxValue : runtime.DeadlineFromNow())
    {
        _request = request;
        _runtime = runtime;
        _response = oneWay ? null : new TaskCompletionSource<TResult>();
        _sentTimestamp = runtime.Instruments.CallLatency.Enabled ? Stopwatch.GetTimestamp() : 0;
    }

    public Task<TResult> Task => _response!.Task;

    public override InvokeMethodOptions Options => _request.Options;

    public override bool IsCompleted => _response is { Task.IsCompleted: true };

    public override void Run(ActivationData activation)
    {
        ValueTask<TResult> pending;
        try
        {
            pending = _request.InvokeAsync(activation.GrainInstance!);
        }
        catch (Exception ex)
        {
            Finish(activation, ex);
            return;
        }

        if (pending.IsCompleted)
        {
            Finish(activation, pending);
        }
        else
        {
            _ = AwaitAsync(activation, pending);
        }
    }

    private async Task AwaitAsync(ActivationData activation, ValueTask<TResult> pending)
    {
        // Awaited on the activation's synchronization context: the continuation runs as a turn of the activation.
        try
        {
            await pending;
        }
        catch (Exception ex)
        {
            Finish(activation, ex);
            return;
        }

        Finish(activation, pending);
    }

    private void Finish(ActivationData activation, ValueTask<TResult> completed)
    {
        TResult result;
        try
        {
            result = completed.Result;
            if (_response is not null)
            {
                result = _request.CopyResult(result, _runtime.Serializer);
            }
        }
        catch (Exception ex)
        {
            Finish(activation, ex);
            return;
        }

        activation.OnMessageCompleted(this);
        if (_response is not null)
        {
            RecordLatency();
            using (ContextSuppression.Enter())
            {
                _response.TrySetResult(result);
            }
        }
    }

    private void Finish(ActivationData activation, Exception exception)
    {
        if (exception is InconsistentStateException ise)
        {
            activation.Deactivate(new DeactivationReason(DeactivationReasonCode.IncompatibleState, ise.Message, ise));
        }

        activation.OnMessageCompleted(this);
        if (_response is null)
        {
            _runtime.OnOneWayFailed(this, exception);
            return;
        }

        RecordLatency();
        using (ContextSuppression.Enter())
        {
            _response.TrySetException(exception);
        }
    }

    public override void Fail(Exception exception)
    {
        if (_response is null)
        {
            _runtime.OnOneWayFailed(this, exception);
            return;
        }

        using (ContextSuppression.Enter())
        {
            _response.TrySetException(exception);
        }
    }

    public override void TimeOut()
    {
        if (_response is null || _response.Task.IsCompleted)
        {
            return;
        }

        _runtime.OnTimedOut(this);
        using (ContextSuppression.Enter())
        {
            _response.TrySetException(new TimeoutException($"Call {_request} to {Target} got no response within {_runtime.ResponseTimeout}."));
        }
    }

    private void RecordLatency()
    {
        if (_sentTimestamp != 0)
        {
            _runtime.Instruments.CallLatency.Record(Stopwatch.GetElapsedTime(_sentTimestamp).TotalMilliseconds);
        }
    }

    public override string ToString() => _request.ToString();
}

namespace TradingRobotPlug.Runtime.Activation;

/// <summary>
/// The synchronization context set while an activation runs: every <c>await</c> in grain code resumes through it,
/// as a work item of the same activation, so an activation's code never runs on two threads at once.
/// </summary>
internal sealed class ActivationSynchronizationContext(ActivationData activation) : SynchronizationContext
{
    public override void Post(SendOrPostCallback d, object? state) => activation.Post(d, state);

    public override void Send(SendOrPostCallback d, object? state)
        => throw new NotSupportedException("Synchronous Send into an activation would deadlock; grain code must use await.");

    public override SynchronizationContext CreateCopy() => this;
}

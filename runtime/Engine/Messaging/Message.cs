using TradingRobotPlug.Runtime.Activation;
using TradingRobotPlug.Runtime.Catalog;
using TradingRobotPlug.Runtime.Invocation;

namespace TradingRobotPlug.Runtime.Messaging;

/// <summary>A unit of work for an activation: a grain call, a timer tick, or a stream delivery.</summary>
internal abstract class Message
{
    protected Message(GrainId target, GrainClassInfo targetClass, long deadlineTimestamp)
    {
        Target = target;
        TargetClass = targetClass;
        DeadlineTimestamp = deadlineTimestamp;
    }

    public GrainId Target { get; }

    public GrainClassInfo TargetClass { get; }

    /// <summary>When the caller stops waiting (<see cref="TimeProvider.GetTimestamp"/> units); <see cref="long.MaxValue"/> for none.</summary>
    public long DeadlineTimestamp { get; }

    public abstract InvokeMethodOptions Options { get; }

    /// <summary>Whether finishing this message counts as activity for idle collection.</summary>
    public virtual bool CountsAsActivity => true;

    /// <summary>Whether the message goes to a new activation when its target deactivates before running it.</summary>
    public virtual bool ForwardOnDeactivation => true;

    /// <summary>True once a response was given (result, error or timeout): the message must not run any more.</summary>
    public abstract bool IsCompleted { get; }

    /// <summary>Starts the message's work inside the activation's turn; must end by calling <see cref="ActivationData.OnMessageCompleted"/>.</summary>
    public abstract void Run(ActivationData activation);

    /// <summary>Fails the message without running it.</summary>
    public abstract void Fail(Exception exception);

    /// <summary>Fails the message because its deadline passed.</summary>
    public abstract void TimeOut();

    public abstract override string ToString();
}

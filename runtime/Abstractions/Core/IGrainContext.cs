using TradingRobotPlug.Runtime.Timers;

namespace TradingRobotPlug.Runtime;

/// <summary>
/// The runtime's view of one activation, given to <see cref="Grain"/>. Implemented by the engine.
/// </summary>
public interface IGrainContext
{
    /// <summary>The grain's identity.</summary>
    GrainId GrainId { get; }

    /// <summary>The key kind of the interface the activation was addressed by.</summary>
    GrainKeyKind KeyKind { get; }

    /// <summary>Services for this activation (the silo's service provider).</summary>
    IServiceProvider ActivationServices { get; }

    /// <summary>The grain factory.</summary>
    IGrainFactory GrainFactory { get; }

    /// <summary>The grain instance, once constructed.</summary>
    object? GrainInstance { get; }

    /// <summary>Asks the runtime to deactivate this activation once the current turn ends.</summary>
    void Deactivate(DeactivationReason reason);

    /// <summary>Registers a timer whose callbacks run as turns of this activation.</summary>
    IGrainTimer RegisterTimer<TState>(Func<TState, CancellationToken, Task> callback, TState state, GrainTimerCreationOptions options);

    /// <summary>Keeps this activation from being collected for at least <paramref name="timeSpan"/>.</summary>
    void DelayDeactivation(TimeSpan timeSpan);
}

using TradingRobotPlug.Runtime.Timers;

namespace TradingRobotPlug.Runtime;

/// <summary>
/// Base class of grain implementations. A grain is a virtual actor: it is activated on its first call, runs one
/// turn at a time, and is deactivated when idle. Services arrive by constructor injection; persistent state by
/// <see cref="Storage.PersistentStateAttribute"/> on an <see cref="Storage.IPersistentState{TState}"/> constructor parameter.
/// </summary>
public abstract class Grain
{
    private readonly IGrainContext _context;

    /// <summary>Binds the grain to the activation being constructed.</summary>
    /// <exception cref="InvalidOperationException">The grain is constructed outside the runtime.</exception>
    protected Grain()
    {
        _context = RuntimeContext.Current
            ?? throw new InvalidOperationException($"{GetType().Name} must be created by the runtime (through a grain reference), not with 'new'.");
    }

    /// <summary>The activation context.</summary>
    public IGrainContext GrainContext => _context;

    /// <summary>The grain's identity.</summary>
    public GrainId GrainId => _context.GrainId;

    /// <summary>The grain factory, for calling other grains.</summary>
    protected IGrainFactory GrainFactory => _context.GrainFactory;

    /// <summary>The activation's services.</summary>
    protected IServiceProvider ServiceProvider => _context.ActivationServices;

    /// <summary>The string key.</summary>
    public string GetPrimaryKeyString() => _context.GrainId.Key;

    /// <summary>The Guid key.</summary>
    /// <exception cref="InvalidOperationException">The grain is not Guid-keyed.</exception>
    public Guid GetPrimaryKey() => _context.KeyKind == GrainKeyKind.Guid
        ? Guid.ParseExact(_context.GrainId.Key, "N")
        : throw new InvalidOperationException($"Grain {_context.GrainId} is {_context.KeyKind}-keyed, not Guid-keyed.");

    /// <summary>The integer key.</summary>
    /// <exception cref="InvalidOperationException">The grain is not integer-keyed.</exception>
    public long GetPrimaryKeyLong() => _context.KeyKind == GrainKeyKind.Integer
        ? long.Parse(_context.GrainId.Key, System.Globalization.CultureInfo.InvariantCulture)
        : throw new InvalidOperationException($"Grain {_context.GrainId} is {_context.KeyKind}-keyed, not integer-keyed.");

    /// <summary>Runs after construction and after persistent state is read, before the first message.
    /// An exception here fails the triggering call; the next call tries to activate again.</summary>
    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs before the activation is removed. Not guaranteed on a silo crash.</summary>
    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Deactivates this activation when the current turn ends.</summary>
    protected void DeactivateOnIdle() => _context.Deactivate(new DeactivationReason(DeactivationReasonCode.ApplicationRequested, "DeactivateOnIdle was called."));

    /// <summary>Keeps the activation alive for at least <paramref name="timeSpan"/>.</summary>
    protected void DelayDeactivation(TimeSpan timeSpan) => _context.DelayDeactivation(timeSpan);

    /// <summary>Registers a timer whose callback runs as a turn of this activation (never concurrently with other
    /// turns unless <see cref="GrainTimerCreationOptions.Interleave"/>). Dispose the result to stop it; it stops
    /// with the activation.</summary>
    protected IGrainTimer RegisterGrainTimer<TState>(Func<TState, CancellationToken, Task> callback, TState state, GrainTimerCreationOptions options)
        => _context.RegisterTimer(callback, state, options);

    /// <summary>Registers a timer with a due time and period.</summary>
    protected IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
        => _context.RegisterTimer(static (cb, ct) => cb(ct), callback, new GrainTimerCreationOptions(dueTime, period));
}

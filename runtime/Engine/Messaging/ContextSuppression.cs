namespace TradingRobotPlug.Runtime.Messaging;

/// <summary>
/// Clears the synchronization context and runtime context while a caller's task is completed, so a caller's
/// continuation that runs inline never runs "inside" the callee's activation.
/// </summary>
internal readonly struct ContextSuppression : IDisposable
{
    private readonly SynchronizationContext? _sync;
    private readonly IGrainContext? _grain;

    private ContextSuppression(SynchronizationContext? sync, IGrainContext? grain)
    {
        _sync = sync;
        _grain = grain;
    }

    public static ContextSuppression Enter()
    {
        var s = new ContextSuppression(SynchronizationContext.Current, RuntimeContext.Exchange(null));
        SynchronizationContext.SetSynchronizationContext(null);
        return s;
    }

    public void Dispose()
    {
        SynchronizationContext.SetSynchronizationContext(_sync);
        RuntimeContext.Exchange(_grain);
    }
}

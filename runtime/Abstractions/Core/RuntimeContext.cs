namespace TradingRobotPlug.Runtime;

/// <summary>
/// The activation whose code is running on the current thread (null outside grain code). The engine sets it for
/// each turn and while a grain's constructor runs, so a <see cref="Grain"/> can find its context.
/// </summary>
public static class RuntimeContext
{
    [ThreadStatic]
    private static IGrainContext? t_current;

    /// <summary>The current activation, or null when not running inside a grain turn.</summary>
    public static IGrainContext? Current => t_current;

    /// <summary>Sets the current context and returns the previous one (engine use).</summary>
    public static IGrainContext? Exchange(IGrainContext? context)
    {
        var previous = t_current;
        t_current = context;
        return previous;
    }
}

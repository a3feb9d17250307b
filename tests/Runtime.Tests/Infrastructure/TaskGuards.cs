namespace TradingRobotPlug.Runtime.Tests.Infrastructure;

/// <summary>
/// Bounded waits: a test awaiting something the runtime should do gives up after <see cref="Patience"/> of real time
/// with a <see cref="GuardExpiredException"/> naming what it waited for. The guard only fires on failure.
/// </summary>
public static class TaskGuards
{
    /// <summary>How long a test waits for an event before failing.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    /// <summary>Awaits <paramref name="task"/>, failing with <see cref="GuardExpiredException"/> after <see cref="Patience"/>.</summary>
    public static async Task Within(this Task task, string what)
    {
        try
        {
            await task.WaitAsync(Patience);
        }
        catch (TimeoutException) when (!task.IsCompleted)
        {
            throw new GuardExpiredException($"Gave up after {Patience.TotalSeconds} s waiting for {what}.");
        }
    }

    /// <summary>Awaits <paramref name="task"/>, failing with <see cref="GuardExpiredException"/> after <see cref="Patience"/>.</summary>
    public static async Task<T> Within<T>(this Task<T> task, string what)
    {
        try
        {
            return await task.WaitAsync(Patience);
        }
        catch (TimeoutException) when (!task.IsCompleted)
        {
            throw new GuardExpiredException($"Gave up after {Patience.TotalSeconds} s waiting for {what}.");
        }
    }
}

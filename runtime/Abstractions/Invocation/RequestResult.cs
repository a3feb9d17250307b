namespace TradingRobotPlug.Runtime.Invocation;

/// <summary>Adapters used by generated requests to turn a grain method's return value into a <see cref="ValueTask{TResult}"/>.</summary>
public static class RequestResult
{
    /// <summary>Adapts a void <see cref="Task"/>.</summary>
    public static ValueTask<object?> FromTask(Task task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.IsCompletedSuccessfully ? default : AwaitTask(task);
    }

    /// <summary>Adapts a void <see cref="ValueTask"/>.</summary>
    public static ValueTask<object?> FromValueTask(ValueTask task) => task.IsCompletedSuccessfully ? default : AwaitValueTask(task);

    /// <summary>Adapts a <see cref="Task{TResult}"/>.</summary>
    public static ValueTask<T> FromTask<T>(Task<T> task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return new ValueTask<T>(task);
    }

    private static async ValueTask<object?> AwaitTask(Task task)
    {
        await task;
        return null;
    }

    private static async ValueTask<object?> AwaitValueTask(ValueTask task)
    {
        await task;
        return null;
    }
}

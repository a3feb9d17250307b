namespace TradingRobotPlug.Runtime.Streams;

/// <summary>Receives a stream's items. Called inside the subscribing grain's turns, one item at a time, in order.</summary>
/// <typeparam name="T">Item type.</typeparam>
public interface IAsyncObserver<in T>
{
    /// <summary>Handles one item.</summary>
    Task OnNextAsync(T item);

    /// <summary>Handles the end of the stream.</summary>
    Task OnCompletedAsync() => Task.CompletedTask;

    /// <summary>Handles a stream error.</summary>
    Task OnErrorAsync(Exception ex) => Task.CompletedTask;
}

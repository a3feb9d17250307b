namespace TradingRobotPlug.Runtime.Streams;

/// <summary>Subscribe with delegates instead of an observer class.</summary>
public static class AsyncObserverExtensions
{
    /// <summary>Subscribes with a delegate called per item.</summary>
    public static Task<StreamSubscriptionHandle<T>> SubscribeAsync<T>(this IAsyncStream<T> stream, Func<T, Task> onNext)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(onNext);
        return stream.SubscribeAsync(new DelegateObserver<T>(onNext));
    }

    /// <summary>Resumes with a delegate called per item.</summary>
    public static Task<StreamSubscriptionHandle<T>> ResumeAsync<T>(this StreamSubscriptionHandle<T> handle, Func<T, Task> onNext)
    {
        ArgumentNullException.ThrowIfNull(handle);
        ArgumentNullException.ThrowIfNull(onNext);
        return handle.ResumeAsync(new DelegateObserver<T>(onNext));
    }

    private sealed class DelegateObserver<T>(Func<T, Task> onNext) : IAsyncObserver<T>
    {
        public Task OnNextAsync(T item) => onNext(item);
    }
}

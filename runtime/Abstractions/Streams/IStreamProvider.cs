namespace TradingRobotPlug.Runtime.Streams;

/// <summary>A named stream provider, e.g. the in-memory provider added by <c>AddMemoryStreams("name")</c>.</summary>
public interface IStreamProvider
{
    /// <summary>The provider's name.</summary>
    string Name { get; }

    /// <summary>Gets the stream with id <paramref name="streamId"/> carrying items of type <typeparamref name="T"/>.</summary>
    IAsyncStream<T> GetStream<T>(StreamId streamId);
}

using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using TradingRobotPlug.Runtime.Configuration;
using TradingRobotPlug.Runtime.Messaging;

namespace TradingRobotPlug.Runtime.Streams;

/// <summary>
/// In-memory stream provider: push delivery with one bounded queue and one delivery loop per subscription, so items
/// reach each subscriber in order, in batches (one grain turn per batch), and a slow subscriber makes producers wait
/// instead of growing memory. Subscriptions live as long as the silo; a subscriber grain that deactivates is
/// reactivated by the next delivery and reattaches its observer with <c>ResumeAsync</c>.
/// </summary>
public sealed class MemoryStreamProvider : IStreamProvider, IAsyncDisposable
{
    private readonly ConcurrentDictionary<StreamId, IMemoryStream> _streams = new();
    private readonly MemoryStreamOptions _options;
    private readonly GrainRuntimeClient _runtime;
    private readonly ILogger _logger;

    internal MemoryStreamProvider(string name, MemoryStreamOptions options, GrainRuntimeClient runtime, ILogger logger)
    {
        Name = name;
        _options = options;
        _runtime = runtime;
        _logger = logger;
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">The stream already carries a different item type.</exception>
    public IAsyncStream<T> GetStream<T>(StreamId streamId)
    {
        if (string.IsNullOrEmpty(streamId.Namespace) || string.IsNullOrEmpty(streamId.Key))
        {
            throw new ArgumentException("StreamId needs a namespace and a key (use StreamId.Create).", nameof(streamId));
        }

        var stream = _streams.GetOrAdd(streamId, id => new MemoryStream<T>(id, this, _options, _runtime, _logger));
        return stream as MemoryStream<T>
            ?? throw new InvalidOperationException($"Stream {streamId} on provider '{Name}' carries {stream.ItemType.Name}, not {typeof(T).Name}.");
    }

    /// <summary>Stops every delivery loop (silo shutdown).</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var s in _streams.Values)
        {
            await s.StopAsync();
        }
    }
}

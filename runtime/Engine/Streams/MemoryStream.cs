using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using TradingRobotPlug.Runtime.Activation;
using TradingRobotPlug.Runtime.Configuration;
using TradingRobotPlug.Runtime.Messaging;
using TradingRobotPlug.Runtime.Serialization;

namespace TradingRobotPlug.Runtime.Streams;

/// <summary>One in-memory stream and its subscriptions (explicit ones, and one per implicitly subscribed grain class).</summary>
internal sealed class MemoryStream<T> : IAsyncStream<T>, IMemoryStream
{
    private readonly object _lock = new();
    private readonly MemoryStreamProvider _provider;
    private readonly MemoryStreamOptions _options;
    private readonly GrainRuntimeClient _runtime;
    private readonly ILogger _logger;

    // Whether items can be handed to every subscriber as they are (immutable T), decided once per stream rather
    // than by a type lookup in the copier for every item and subscriber.
    private readonly bool _shareItems = ImmutableTypes.IsImmutable(typeof(T));
    private volatile Subscription<T>[] _subscriptions = [];

    public MemoryStream(StreamId id, MemoryStreamProvider provider, MemoryStreamOptions options, GrainRuntimeClient runtime, ILogger logger)
    {
        StreamId = id;
        _provider = provider;
        _options = options;
        _runtime = runtime;
        _logger = logger;
        var implicitSubs = new List<Subscription<T>>();
        foreach (var cls in runtime.Registry.ImplicitSubscribers(id.Namespace))
        {
            var handleId = ImplicitHandleId(cls.GrainType, id);
            implicitSubs.Add(new Subscription<T>(this, handleId, new GrainId(cls.GrainType, id.Key), cls, null, isImplicit: true));
        }

        _subscriptions = [.. implicitSubs];
    }

    public StreamId StreamId { get; }

    public string ProviderName => _provider.Name;

    public Type ItemType => typeof(T);

    internal MemoryStreamOptions Options => _options;

    internal GrainRuntimeClient Runtime => _runtime;

    internal ILogger Logger => _logger;

    public Task OnNextAsync(T item)
    {
        var subs = _subscriptions;
        for (int i = 0; i < subs.Length; i++)
        {
            var copy = _shareItems ? item : _runtime.Serializer.Copy(item);
            if (!subs[i].TryWrite(copy))
            {
                return OnNextSlowAsync(subs, i, item);
            }
        }

        return Task.CompletedTask;
    }

    private async Task OnNextSlowAsync(Subscription<T>[] subs, int from, T item)
    {
        for (int i = from; i < subs.Length; i++)
        {
            await subs[i].WriteAsync(_shareItems ? item : _runtime.Serializer.Copy(item)).ConfigureAwait(true);
        }
    }

    public async Task OnNextBatchAsync(IEnumerable<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        foreach (var item in items)
        {
            var pending = OnNextAsync(item);
            if (!pending.IsCompletedSuccessfully)
            {
                await pending.ConfigureAwait(true);
            }
        }
    }

    public Task<StreamSubscriptionHandle<T>> SubscribeAsync(IAsyncObserver<T> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        var activation = RuntimeContext.Current as ActivationData;
        Subscription<T> subscription;
        if (activation is not null)
        {
            var implicitSub = _subscriptions.FirstOrDefault(s => s.IsImplicit && s.Subscriber == activation.GrainId);
            subscription = implicitSub ?? Add(new Subscription<T>(this, Guid.NewGuid(), activation.GrainId, activation.Class, null, isImplicit: false));
            activation.StreamObservers[subscription.HandleId] = observer;
        }
        else
        {
            subscription = Add(new Subscription<T>(this, Guid.NewGuid(), null, null, observer, isImplicit: false));
        }

        return Task.FromResult<StreamSubscriptionHandle<T>>(new MemoryStreamSubscriptionHandle<T>(this, subscription.HandleId));
    }

    public Task<IList<StreamSubscriptionHandle<T>>> GetAllSubscriptionHandles()
    {
        var activation = RuntimeContext.Current as ActivationData;
        IList<StreamSubscriptionHandle<T>> handles = _subscriptions
            .Where(s => activation is null ? s.ClientObserver is not null : s.Subscriber == activation.GrainId)
            .Select(s => (StreamSubscriptionHandle<T>)new MemoryStreamSubscriptionHandle<T>(this, s.HandleId))
            .ToList();
        return Task.FromResult(handles);
    }

    internal Subscription<T>? Find(Guid handleId) => Array.Find(_subscriptions, s => s.HandleId == handleId);

    /// <summary>
    /// Removes a subscription. Does not wait for its delivery loop: the caller may be an observer of this very
    /// subscription, running inside the delivery the loop is waiting for. Nothing is delivered after this returns.
    /// </summary>
    internal Task RemoveAsync(Guid handleId)
    {
        Subscription<T>? removed;
        lock (_lock)
        {
            removed = Array.Find(_subscriptions, s => s.HandleId == handleId);
            if (removed is null)
            {
                return Task.CompletedTask;
            }

            _subscriptions = _subscriptions.Where(s => s != removed).ToArray();
        }

        if (RuntimeContext.Current is ActivationData activation)
        {
            activation.StreamObservers.Remove(handleId);
        }

        removed.Stop();
        return Task.CompletedTask;
    }

    private Subscription<T> Add(Subscription<T> subscription)
    {
        lock (_lock)
        {
            _subscriptions = [.. _subscriptions, subscription];
        }

        return subscription;
    }

    public async Task StopAsync()
    {
        foreach (var s in _subscriptions)
        {
            await s.StopAsync();
        }
    }

    private static Guid ImplicitHandleId(string grainType, StreamId id)
        => new(MD5.HashData(Encoding.UTF8.GetBytes($"implicit/{grainType}/{id.Namespace}/{id.Key}")));
}

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TradingRobotPlug.Runtime.Activation;
using TradingRobotPlug.Runtime.Catalog;
using TradingRobotPlug.Runtime.Configuration;
using TradingRobotPlug.Runtime.Diagnostics;
using TradingRobotPlug.Runtime.Invocation;
using TradingRobotPlug.Runtime.Serialization;

namespace TradingRobotPlug.Runtime.Messaging;

/// <summary>
/// Creates grain references and routes every call as a message to the target's activation (activating it on first
/// use). In-process implementation of <see cref="IClusterClient"/>; remote silos would plug in at <see cref="Dispatch"/>.
/// </summary>
internal sealed class GrainRuntimeClient : IGrainReferenceRuntime, IClusterClient
{
    private readonly GrainTypeRegistry _registry;
    private readonly ActivationDirectory _directory;
    private readonly IServiceProvider _services;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly long _timeoutTicks;
    private readonly int _turnBudget;

    public GrainRuntimeClient(
        GrainTypeRegistry registry,
        ActivationDirectory directory,
        RuntimeSerializer serializer,
        RuntimeInstruments instruments,
        IOptions<MessagingOptions> messagingOptions,
        TimeProvider time,
        IServiceProvider services,
        ILoggerFactory loggerFactory)
    {
        _registry = registry;
        _directory = directory;
        Serializer = serializer;
        Instruments = instruments;
        _time = time;
        _services = services;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger("TradingRobotPlug.Runtime.Messaging");
        ResponseTimeout = messagingOptions.Value.ResponseTimeout;
        _timeoutTicks = (long)(ResponseTimeout.TotalSeconds * time.TimestampFrequency);
        _turnBudget = messagingOptions.Value.TurnBudget;
        instruments.ObserveQueueLength(() => _directory.All.Sum(a => (long)a.QueueLength));
    }

    public RuntimeSerializer Serializer { get; }

    public RuntimeInstruments Instruments { get; }

    public TimeSpan ResponseTimeout { get; }

    public TimeProvider Time => _time;

    public IDeepCopier Copier => Serializer;

    public IServiceProvider ServiceProvider => _services;

    internal ActivationDirectory Directory => _directory;

    internal GrainTypeRegistry Registry => _registry;

    public long DeadlineFromNow() => _time.GetTimestamp() + _timeoutTicks;

    // ---- IGrainFactory ----
    public TGrainInterface GetGrain<TGrainInterface>(string primaryKey)
        where TGrainInterface : IGrainWithStringKey
    {
        ArgumentException.ThrowIfNullOrEmpty(primaryKey);
        return (TGrainInterface)CreateReference(typeof(TGrainInterface), GrainKeyKind.String, primaryKey);
    }

    public TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey)
        where TGrainInterface : IGrainWithGuidKey
        => (TGrainInterface)CreateReference(typeof(TGrainInterface), GrainKeyKind.Guid, primaryKey.ToString("N"));

    public TGrainInterface GetGrain<TGrainInterface>(long primaryKey)
        where TGrainInterface : IGrainWithIntegerKey
        => (TGrainInterface)CreateReference(typeof(TGrainInterface), GrainKeyKind.Integer, primaryKey.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public IGrain GetGrain(Type grainInterfaceType, string canonicalKey)
    {
        ArgumentNullException.ThrowIfNull(grainInterfaceType);
        ArgumentException.ThrowIfNullOrEmpty(canonicalKey);
        var binding = _registry.GetInterface(grainInterfaceType);
        switch (binding.Metadata.KeyKind)
        {
            case GrainKeyKind.Guid when !Guid.TryParseExact(canonicalKey, "N", out _):
                throw new ArgumentException($"'{canonicalKey}' is not a Guid key in canonical \"N\" form, which {grainInterfaceType.Name} (IGrainWithGuidKey) needs.", nameof(canonicalKey));
            case GrainKeyKind.Integer when !long.TryParse(canonicalKey, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out _):
                throw new ArgumentException($"'{canonicalKey}' is not an integer key, which {grainInterfaceType.Name} (IGrainWithIntegerKey) needs.", nameof(canonicalKey));
        }

        return (IGrain)binding.Metadata.CreateProxy(new GrainId(binding.Implementation!.GrainType, canonicalKey), this);
    }

    private object CreateReference(Type interfaceType, GrainKeyKind keyKind, string key)
    {
        var binding = _registry.GetInterface(interfaceType);
        if (binding.Metadata.KeyKind != keyKind)
        {
            throw new ArgumentException($"{interfaceType.Name} is addressed by a {binding.Metadata.KeyKind} key (IGrainWith{(binding.Metadata.KeyKind == GrainKeyKind.Integer ? "Integer" : binding.Metadata.KeyKind.ToString())}Key), not a {keyKind} key.", nameof(key));
        }

        return binding.Metadata.CreateProxy(new GrainId(binding.Implementation!.GrainType, key), this);
    }

    // ---- IGrainReferenceRuntime ----
    public Task<TResult> InvokeAsync<TResult>(GrainReference target, Request<TResult> request)
    {
        var cached = target.RoutingCache as ActivationData;
        var cls = cached?.Class ?? _registry.GetClass(target.GrainId.Type);
        var message = new RequestMessage<TResult>(target.GrainId, cls, request, oneWay: false, this);
        Dispatch(message, target);
        return message.Task;
    }

    public void InvokeOneWay(GrainReference target, Request<object?> request)
    {
        var cached = target.RoutingCache as ActivationData;
        var cls = cached?.Class ?? _registry.GetClass(target.GrainId.Type);
        Dispatch(new RequestMessage<object?>(target.GrainId, cls, request, oneWay: true, this), target);
    }

    /// <summary>Sends a runtime-internal request (e.g. a stream delivery) to a grain by id.</summary>
    internal Task<TResult> SendSystemRequest<TResult>(GrainId target, GrainClassInfo cls, Request<TResult> request)
    {
        var message = new RequestMessage<TResult>(target, cls, request, oneWay: false, this);
        Dispatch(message, null);
        return message.Task;
    }

    /// <summary>
    /// Sends a runtime-internal request to a grain by id, through <paramref name="route"/>: the sender's cache of the
    /// target's last known activation (what <see cref="GrainReference.RoutingCache"/> is for references), so a
    /// sender that keeps calling the same grain (a stream subscription) skips the directory lookup.
    /// </summary>
    internal Task<TResult> SendSystemRequest<TResult>(GrainId target, GrainClassInfo cls, Request<TResult> request, ref ActivationData? route)
    {
        var message = new RequestMessage<TResult>(target, cls, request, oneWay: false, this);
        route = Route(message, route);
        return message.Task;
    }

    /// <summary>Enqueues a message on the target's activation, creating it if needed, retrying if it was just deactivated.</summary>
    internal void Dispatch(Message message, GrainReference? reference)
    {
        var cached = reference?.RoutingCache as ActivationData;
        var activation = Route(message, cached);
        if (reference is not null && !ReferenceEquals(activation, cached))
        {
            reference.RoutingCache = activation;
        }
    }

    /// <summary>
    /// Enqueues a message on <paramref name="cached"/> if it is still live, else on the target's activation from the
    /// directory (creating it if needed), retrying if it was just deactivated. Returns the activation that took it.
    /// </summary>
    private ActivationData Route(Message message, ActivationData? cached)
    {
        var activation = cached;
        while (true)
        {
            if (activation is null || activation.IsDefunct)
            {
                // Look up first: the creating lambda (and its closure) is only allocated when the grain has no activation.
                activation = _directory.TryGet(message.Target, out var existing) ? existing! : GetOrCreateActivation(message);
            }

            if (activation.Enqueue(message))
            {
                return activation;
            }

            _directory.Remove(activation);
            activation = null;
        }
    }

    private ActivationData GetOrCreateActivation(Message message)
        => _directory.GetOrAdd(message.Target, id => new ActivationData(id, message.TargetClass, this, _services, _loggerFactory, _turnBudget));

    internal void OnTimedOut(Message message) => RuntimeLog.LogWarningCallTimedOut(_logger, message.ToString(), message.Target, ResponseTimeout);

    internal void OnOneWayFailed(Message message, Exception exception) => RuntimeLog.LogErrorOneWayFailed(_logger, message.ToString(), message.Target, exception);
}

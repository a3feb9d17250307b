using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TradingRobotPlug.Runtime.Catalog;
using TradingRobotPlug.Runtime.Configuration;
using TradingRobotPlug.Runtime.Diagnostics;
using TradingRobotPlug.Runtime.Messaging;
using TradingRobotPlug.Runtime.Serialization;
using TradingRobotPlug.Runtime.Streams;

namespace TradingRobotPlug.Runtime.Hosting;

/// <summary>
/// Starts and stops the silo: checks at start-up that every type crossing a grain boundary is serializable, runs
/// the response-timeout sweep and idle collection on the silo's <see cref="TimeProvider"/>, and deactivates every
/// activation on shutdown.
/// </summary>
internal sealed class SiloLifecycleService(
    GrainTypeRegistry registry,
    ActivationDirectory directory,
    RuntimeSerializer serializer,
    IOptions<MessagingOptions> messaging,
    IOptions<GrainCollectionOptions> collection,
    StreamProviderNames streamProviders,
    IServiceProvider services,
    TimeProvider time,
    ILogger<SiloLifecycleService> logger) : IHostedService, IAsyncDisposable
{
    private ITimer? _sweepTimer;
    private ITimer? _collectTimer;

    /// <summary>Completes when the silo is ready to take calls.</summary>
    public bool IsStarted { get; private set; }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        ValidateBoundaryTypes();
        var sweep = messaging.Value.EffectiveSweepInterval;
        _sweepTimer = time.CreateTimer(_ => SweepTimeouts(), null, sweep, sweep);
        var quantum = collection.Value.CollectionQuantum;
        _collectTimer = time.CreateTimer(_ => CollectIdle(), null, quantum, quantum);
        IsStarted = true;
        RuntimeLog.LogInformationSiloStarted(logger, registry.Classes.Count, registry.Interfaces.Count);
        return Task.CompletedTask;
    }

    private void ValidateBoundaryTypes()
    {
        var errors = new List<string>();
        foreach (var binding in registry.Interfaces)
        {
            foreach (var method in binding.Metadata.Methods)
            {
                foreach (var type in method.BoundaryTypes)
                {
                    if (!serializer.CanSerialize(type))
                    {
                        errors.Add($"{type.FullName} (in {binding.Metadata.InterfaceType.Name}.{method.Name}) is not declared serializable: add [JsonSerializable(typeof({type.Name}))] to a JsonSerializerContext registered with AddSerializerContext.");
                    }
                }
            }
        }

        if (errors.Count > 0)
        {
            throw new InvalidOperationException("Types crossing grain boundaries must be serializable:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Distinct()));
        }
    }

    internal void SweepTimeouts()
    {
        var now = time.GetTimestamp();
        var expired = new List<Message>();
        foreach (var activation in directory.All)
        {
            activation.CollectExpired(now, expired);
        }

        foreach (var m in expired)
        {
            m.TimeOut();
        }
    }

    internal int CollectIdle()
    {
        var now = time.GetTimestamp();
        var ageTicks = (long)(collection.Value.CollectionAge.TotalSeconds * time.TimestampFrequency);
        int count = 0;
        foreach (var activation in directory.All)
        {
            if (activation.TryCollect(now, ageTicks))
            {
                count++;
            }
        }

        if (count > 0)
        {
            RuntimeLog.LogInformationCollected(logger, count);
        }

        return count;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _sweepTimer?.Dispose();
        _collectTimer?.Dispose();
        foreach (var name in streamProviders.Names)
        {
            if (services.GetKeyedService<IStreamProvider>(name) is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync();
            }
        }

        var all = directory.All.ToList();
        RuntimeLog.LogInformationSiloStopping(logger, all.Count);
        foreach (var activation in all)
        {
            activation.Deactivate(new DeactivationReason(DeactivationReasonCode.ShuttingDown, "The silo is stopping."));
        }

        await Task.WhenAll(all.Select(a => a.Deactivated)).WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        _sweepTimer?.Dispose();
        _collectTimer?.Dispose();
        return ValueTask.CompletedTask;
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Providers;
using TradingRobotPlug.GrainInterfaces.Market;
using TradingRobotPlug.Grains.Hosting;
using TradingRobotPlug.Grains.Strategies;

namespace TradingRobotPlug.Grains;

/// <summary>Registers the trading grains' services, grain storage and market-data streams on an Orleans silo.</summary>
public static class TradingSiloBuilderExtensions
{
    /// <summary>The pull period of the memory stream agents: 10 ms (Orleans' default is 100 ms, which puts 50 ms p50 on every stream hop).</summary>
    public static readonly TimeSpan StreamPullPeriod = TimeSpan.FromMilliseconds(10);

    /// <summary>Events the pulling agent takes from a memory-stream queue per read (Orleans' default is 1).</summary>
    public const int StreamBatchSize = 100;

    /// <summary>
    /// How long a pulling agent keeps retrying the delivery of one event to one subscriber before it gives up and skips
    /// the event for that subscriber: 5 minutes (Orleans' default is 1 minute). A subscriber that is activating,
    /// rebuilding or starved under a burst can miss several 10 s response timeouts in a row; bars it missed are backfilled
    /// from the history, but ticks are not kept anywhere else, so they were lost (measured: docs/benchmarks.md, tick load
    /// on 2 silo processes). Each subscriber has its own cursor, so only the slow subscriber waits.
    /// </summary>
    public static readonly TimeSpan StreamMaxEventDeliveryTime = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Adds the strategy registry, the memory stream provider <see cref="StreamNamespaces.Provider"/> (bars, ticks and
    /// strategy updates; every publish is one event carrying its whole batch) and the grain storage: in memory, or in
    /// PostgreSQL through Orleans' ADO.NET provider (Invariant <c>Npgsql</c>, our schema in <c>deploy/sql/</c>, applied at
    /// start-up when missing) when <paramref name="postgresConnectionString"/> is set. Both the <c>Default</c> storage and
    /// the stream pub-sub store (<c>PubSubStore</c>) use the configured storage, so with PostgreSQL stream subscriptions
    /// survive a restart. State is plain JSON (<see cref="TradingStateJsonSerializer"/>).
    /// </summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="postgresConnectionString">An Npgsql connection string, or null/blank for in-memory storage.</param>
    public static ISiloBuilder AddTrading(this ISiloBuilder builder, string? postgresConnectionString = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(_ => StrategyRegistry.Default);
        builder.AddMemoryStreams(StreamNamespaces.Provider, streams => streams.ConfigurePullingAgent(agent => agent.Configure(o =>
        {
            o.GetQueueMsgsTimerPeriod = StreamPullPeriod;
            o.BatchContainerBatchSize = StreamBatchSize;
            o.MaxEventDeliveryTime = StreamMaxEventDeliveryTime;
        })));

        if (string.IsNullOrWhiteSpace(postgresConnectionString))
        {
            builder.AddMemoryGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, o => o.GrainStorageSerializer = TradingStateJsonSerializer.Instance);
            builder.AddMemoryGrainStorage(ProviderConstants.DEFAULT_PUBSUB_PROVIDER_NAME);
        }
        else
        {
            builder.AddTradingPostgresSchema(postgresConnectionString);
            builder.AddAdoNetGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, o =>
            {
                o.Invariant = TradingPostgresSiloBuilderExtensions.Invariant;
                o.ConnectionString = postgresConnectionString;
                o.GrainStorageSerializer = TradingStateJsonSerializer.Instance;
            });
            builder.AddAdoNetGrainStorage(ProviderConstants.DEFAULT_PUBSUB_PROVIDER_NAME, o =>
            {
                o.Invariant = TradingPostgresSiloBuilderExtensions.Invariant;
                o.ConnectionString = postgresConnectionString;
            });
        }

        return builder;
    }
}

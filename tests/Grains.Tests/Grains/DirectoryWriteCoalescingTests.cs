using Npgsql;
using TradingRobotPlug.GrainInterfaces.Grains;
using TradingRobotPlug.GrainInterfaces.Market;
using TradingRobotPlug.GrainInterfaces.Trading;
using TradingRobotPlug.Grains.Tests.Infrastructure;

namespace TradingRobotPlug.Grains.Tests.Grains;

/// <summary>
/// The strategy and instrument directories on PostgreSQL: many registrations at once are all durable when their calls
/// return (a new cluster on the same database lists every one), and they cost fewer writes than registrations (the
/// stored row's version counts the writes).
/// </summary>
[Collection(PostgresServerFixture.CollectionName)]
public sealed class DirectoryWriteCoalescingTests(PostgresServerFixture postgres)
{
    private const int Registrations = 300;

    [Fact]
    public async Task Concurrent_registrations_are_written_together_and_all_survive_a_restart()
    {
        string database = await postgres.CreateDatabaseAsync("directory_coalescing");
        var strategies = Enumerable.Range(0, Registrations).Select(i => StrategyId.Parse($"coalesce-{i:D3}")).ToArray();
        var symbols = Enumerable.Range(0, Registrations).Select(i => InstrumentId.Parse($"CO{i:D3}")).ToArray();

        await using (var first = await TradingTestCluster.StartAsync(database))
        {
            var strategyDirectory = first.Client.GetGrain<IStrategyDirectoryGrain>(IStrategyDirectoryGrain.Key);
            var instrumentDirectory = first.Client.GetGrain<IInstrumentDirectoryGrain>(IInstrumentDirectoryGrain.Key);
            await Task.WhenAll([
                .. strategies.Select(strategyDirectory.Register),
                .. symbols.Select(instrumentDirectory.Register),
                .. strategies.Take(10).Select(strategyDirectory.Register), // repeats: idempotent
            ]);
            await strategyDirectory.Unregister(strategies[0]);
        }

        int strategyWrites = await VersionAsync(database, "directory");
        int instrumentWrites = await VersionAsync(database, "instruments");
        Assert.InRange(strategyWrites, 2, Registrations - 1); // 301 changes
        Assert.InRange(instrumentWrites, 1, Registrations - 1);

        await using var second = await TradingTestCluster.StartAsync(database);
        Assert.Equal(strategies[1..], await second.Client.GetGrain<IStrategyDirectoryGrain>(IStrategyDirectoryGrain.Key).List());
        Assert.Equal(symbols, await second.Client.GetGrain<IInstrumentDirectoryGrain>(IInstrumentDirectoryGrain.Key).List());
    }

    /// <summary>The stored version (= number of writes) of the one row of <paramref name="stateName"/>.</summary>
    private static async Task<int> VersionAsync(string cs, string stateName)
    {
        await using var connection = new NpgsqlConnection(cs);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT version FROM orleans_storage WHERE state_name = @name", connection);
        command.Parameters.AddWithValue("name", stateName);
        return (int)(await command.ExecuteScalarAsync())!;
    }
}

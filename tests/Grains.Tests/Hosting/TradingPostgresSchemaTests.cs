using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.Runtime.Membership;
using Orleans.Runtime.MembershipService;
using Orleans.Storage;
using TradingRobotPlug.Grains.Hosting;
using TradingRobotPlug.Grains.Tests.Infrastructure;

namespace TradingRobotPlug.Grains.Tests.Hosting;

/// <summary>
/// The PostgreSQL schema of deploy/sql and <see cref="TradingPostgresSchema"/>: applying, verifying and refusing
/// databases, and Orleans' own ADO.NET providers (10.4.2, invariant "Npgsql") running on it: grain state stored as
/// readable JSON with its version checks, membership with its table version, and reminders.
/// </summary>
[Collection(PostgresServerFixture.CollectionName)]
public sealed partial class TradingPostgresSchemaTests(PostgresServerFixture postgres)
{
    private const string Invariant = TradingPostgresSiloBuilderExtensions.Invariant;
    private const string StorageName = SchemaProbeGrain.StorageName;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Applying_twice_is_idempotent_keeps_data_restores_query_texts_and_provides_every_key_the_providers_demand()
    {
        string cs = await postgres.CreateDatabaseAsync("schema_apply");
        await TradingPostgresSchema.ApplyAsync(cs);
        Dictionary<string, string> first = await QueryTextsAsync(cs);

        // Data and a damaged query text in between: the second application keeps the one and repairs the other.
        await ExecuteAsync(cs, """
            INSERT INTO orleans_storage (service_id, state_name, grain_key, key_n0, key_n1, version, payload)
            VALUES ('svc', 'kept', 'k', 0, 0, 7, '\x7b7d'), ('svc', 'binary', 'k', 0, 0, 1, '\xff00'), ('svc', 'text', 'k', 0, 0, 1, 'not json')
            """);
        await ExecuteAsync(cs, "UPDATE orleansquery SET querytext = 'SELECT 1' WHERE querykey = 'WriteToStorageKey'");
        await TradingPostgresSchema.ApplyAsync(cs);

        Assert.Equal(first, await QueryTextsAsync(cs));
        Assert.Equal(7, await ScalarAsync<int>(cs, "SELECT version FROM orleans_storage WHERE state_name = 'kept'"));
        // The psql view decodes JSON payloads and shows null, rather than failing, for anything else.
        Assert.Equal(["binary:", "kept:{}", "text:"], await RowsAsync(cs, "SELECT state_name || ':' || coalesce(state::text, '') FROM orleans_storage_json ORDER BY 1", r => r.GetString(0)));
        Assert.Equal(TradingPostgresSchema.RequiredQueryKeys.Order(StringComparer.Ordinal), first.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(TradingPostgresSchema.RequiredQueryKeys.Count, TradingPostgresSchema.RequiredQueryKeys.Distinct().Count());

        // Independently of our list: the keys Orleans' own code asks for (its query-catalogue classes and the
        // storage provider's start-up query) are all installed.
        string[] demanded = [.. DemandedQueryKeys()];
        Assert.True(demanded.Length >= 20, $"Found only {demanded.Length} keys in the Orleans assemblies: {string.Join(", ", demanded)}");
        Assert.Empty(demanded.Except(first.Keys));
        Assert.Empty(first.Keys.Except(demanded)); // nothing installed that no provider reads

        await TradingPostgresSchema.VerifyAsync(cs);
        Assert.Contains("-- ==== deploy/sql/004_reminders.sql ====", TradingPostgresSchema.Script);
    }

    [Fact]
    public async Task Silos_applying_the_schema_at_the_same_time_all_succeed()
    {
        string cs = await postgres.CreateDatabaseAsync("schema_race");
        await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Run(() => i % 2 == 0 ? TradingPostgresSchema.ApplyAsync(cs) : TradingPostgresSchema.EnsureAsync(cs))));

        await TradingPostgresSchema.VerifyAsync(cs);
        Assert.Equal(TradingPostgresSchema.RequiredQueryKeys.Count, await ScalarAsync<long>(cs, "SELECT count(*) FROM orleansquery"));
    }

    [Fact]
    public async Task Verify_names_every_missing_key_and_the_apply_command_and_Ensure_adds_what_is_missing()
    {
        string cs = await postgres.CreateDatabaseAsync("schema_verify");

        var empty = await Assert.ThrowsAsync<InvalidOperationException>(() => TradingPostgresSchema.VerifyAsync(cs));
        Assert.Contains("orleansquery", empty.Message);
        Assert.All(TradingPostgresSchema.RequiredQueryKeys, key => Assert.Matches($@"\b{key}\b", empty.Message));
        Assert.Contains("dotnet run --project silo -- schema --apply --postgres", empty.Message);
        Assert.Equal(0L, await ScalarAsync<long>(cs, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"));

        await TradingPostgresSchema.ApplyAsync(cs);
        await ExecuteAsync(cs, "DELETE FROM orleansquery WHERE querykey IN ('ReadRangeRows2Key', 'GatewaysQueryKey')");
        var partial = await Assert.ThrowsAsync<InvalidOperationException>(() => TradingPostgresSchema.VerifyAsync(cs));
        Assert.Matches(@"\bReadRangeRows2Key\b", partial.Message);
        Assert.Matches(@"\bGatewaysQueryKey\b", partial.Message);
        Assert.All(
            TradingPostgresSchema.RequiredQueryKeys.Except(["ReadRangeRows2Key", "GatewaysQueryKey"]),
            key => Assert.DoesNotMatch($@"\b{key}\b", partial.Message));

        await TradingPostgresSchema.EnsureAsync(cs);
        await TradingPostgresSchema.VerifyAsync(cs);

        // A complete schema is left alone by Ensure (a changed query text is the operator's business: schema --apply).
        await ExecuteAsync(cs, "UPDATE orleansquery SET querytext = querytext || ' ' WHERE querykey = 'GatewaysQueryKey'");
        await TradingPostgresSchema.EnsureAsync(cs);
        Assert.EndsWith(" ", await ScalarAsync<string>(cs, "SELECT querytext FROM orleansquery WHERE querykey = 'GatewaysQueryKey'"));
    }

    [Fact]
    public async Task A_database_of_the_old_runtime_is_refused_and_left_untouched()
    {
        string cs = await postgres.CreateDatabaseAsync("schema_old");
        // The pre-Orleans runtime's table (deploy/sql/001_grain_state.sql before the move).
        await ExecuteAsync(cs, """
            CREATE TABLE grain_state (
                grain_type text NOT NULL, grain_key text NOT NULL, state_name text NOT NULL,
                payload jsonb NOT NULL, etag bigint NOT NULL, modified_utc timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (grain_type, grain_key, state_name));
            INSERT INTO grain_state (grain_type, grain_key, state_name, payload, etag) VALUES ('g', 'k', 's', '{}', 1);
            """);
        string before = await CatalogSnapshotAsync(cs);

        var ensure = await Assert.ThrowsAsync<InvalidOperationException>(() => TradingPostgresSchema.EnsureAsync(cs));
        Assert.Contains("pre-Orleans TradingRobotPlug runtime", ensure.Message);
        Assert.Contains("grain_state", ensure.Message);
        Assert.Contains("new, empty database", ensure.Message);
        Assert.Contains("not migrated", ensure.Message);

        var verify = await Assert.ThrowsAsync<InvalidOperationException>(() => TradingPostgresSchema.VerifyAsync(cs));
        Assert.Contains("pre-Orleans TradingRobotPlug runtime", verify.Message);
        var apply = await Assert.ThrowsAsync<InvalidOperationException>(() => TradingPostgresSchema.ApplyAsync(cs));
        Assert.Contains("new, empty database", apply.Message);

        Assert.Equal(before, await CatalogSnapshotAsync(cs));
        Assert.Null(await ScalarAsync<string?>(cs, "SELECT to_regclass('orleansquery')::text"));
        Assert.Equal(1L, await ScalarAsync<long>(cs, "SELECT count(*) FROM grain_state"));
    }

    [Fact]
    public async Task A_silo_joins_through_the_membership_queries_as_active_and_leaves_as_dead()
    {
        string cs = await postgres.CreateDatabaseAsync("schema_silo");
        var silo = await ProbeSilo.StartAsync(cs);
        try
        {
            var rows = await PollAsync(
                () => MembersAsync(cs, silo.ClusterId),
                members => members.Count == 1 && members[0].Status == (int)SiloStatus.Active);
            var member = rows[0];
            Assert.Equal("127.0.0.1", member.Address);
            Assert.Equal(silo.SiloPort, member.Port);
            Assert.Equal(silo.GatewayPort, member.ProxyPort);
            Assert.True(member.Generation > 0);
            // Inserted as Joining, then updated to Active: two compare-and-set changes of the table version.
            Assert.True(await ScalarAsync<int>(cs, $"SELECT version FROM orleans_cluster WHERE cluster_id = '{silo.ClusterId}'") >= 2);

            // A client's view: the gateway list provider reads the active silo's gateway.
            var gateways = new AdoNetGatewayListProvider(
                NullLogger<AdoNetGatewayListProvider>.Instance,
                new ServiceCollection().BuildServiceProvider(),
                Options.Create(new AdoNetClusteringClientOptions { Invariant = Invariant, ConnectionString = cs }),
                Options.Create(new GatewayOptions()),
                Options.Create(new ClusterOptions { ClusterId = silo.ClusterId, ServiceId = silo.ServiceId }));
            await gateways.InitializeGatewayListProvider();
            var gateway = Assert.Single(await gateways.GetGateways());
            Assert.Equal(new IPEndPoint(IPAddress.Loopback, silo.GatewayPort), gateway.ToIPEndPoint());
        }
        finally
        {
            await silo.DisposeAsync();
        }

        var after = await PollAsync(
            () => MembersAsync(cs, silo.ClusterId),
            members => members.Count == 1 && members[0].Status == (int)SiloStatus.Dead);
        Assert.Equal(silo.SiloPort, after[0].Port);
    }

    [Fact]
    public async Task Membership_changes_apply_only_on_the_current_table_version_and_cleanup_removes_only_dead_silos()
    {
        string cs = await postgres.CreateDatabaseAsync("schema_members");
        await TradingPostgresSchema.EnsureAsync(cs);
        string clusterId = "members-" + Guid.NewGuid().ToString("N")[..8];
        var table = CreateMembershipTable(cs, clusterId);
        await table.InitializeMembershipTableAsync(tryInitTableVersion: true);
        Assert.Equal(0, await ScalarAsync<int>(cs, $"SELECT version FROM orleans_cluster WHERE cluster_id = '{clusterId}'"));
        await table.InitializeMembershipTableAsync(tryInitTableVersion: true); // the version row exists: kept as it is

        var initial = await table.ReadAllAsync();
        Assert.Empty(initial.Members);
        DateTime now = TruncateToMicroseconds(DateTime.UtcNow); // what PostgreSQL keeps of a DateTime
        var live = new MembershipEntry
        {
            SiloAddress = SiloAddress.New(IPAddress.Loopback, 21111, 5),
            SiloName = "live",
            HostName = "host-a",
            Status = SiloStatus.Joining,
            ProxyPort = 31111,
            StartTime = now,
            IAmAliveTime = now,
        };
        var other = new MembershipEntry
        {
            SiloAddress = SiloAddress.New(IPAddress.Loopback, 21113, 5),
            SiloName = "other",
            HostName = "host-a",
            Status = SiloStatus.Joining,
            ProxyPort = 31113,
            StartTime = now,
            IAmAliveTime = now,
        };
        Assert.True(await table.InsertRowAsync(live, initial.Version.Next()));
        Assert.False(await table.InsertRowAsync(other, initial.Version.Next())); // stale version
        Assert.False(await table.InsertRowAsync(live, (await table.ReadAllAsync()).Version.Next())); // already there

        var joined = await table.ReadAllAsync();
        Assert.Equal(initial.Version.Version + 1, joined.Version.Version);
        var (readBack, etag) = Assert.Single(joined.Members);
        Assert.Equal(live.SiloAddress, readBack.SiloAddress);
        Assert.Equal(("live", "host-a", SiloStatus.Joining, 31111), (readBack.SiloName, readBack.HostName, readBack.Status, readBack.ProxyPort));
        Assert.Equal(now, readBack.StartTime);

        live.Status = SiloStatus.Active;
        live.AddSuspector(SiloAddress.New(IPAddress.Loopback, 21112, 6), now);
        Assert.False(await table.UpdateRowAsync(live, initial.Version.VersionEtag, initial.Version.Next())); // stale
        Assert.Equal(joined.Version.Version, (await table.ReadAllAsync()).Version.Version); // a refused change leaves no trace
        Assert.True(await table.UpdateRowAsync(live, etag, joined.Version.Next()));
        var active = await table.ReadRowAsync(live.SiloAddress);
        Assert.Equal(joined.Version.Version + 1, active.Version.Version);
        var activeEntry = Assert.Single(active.Members).Item1;
        Assert.Equal(SiloStatus.Active, activeEntry.Status);
        Assert.Equal(SiloAddress.New(IPAddress.Loopback, 21112, 6), Assert.Single(activeEntry.SuspectTimes!).Item1);

        live.IAmAliveTime = now.AddSeconds(30);
        await table.UpdateIAmAliveAsync(live);
        var heartbeat = await table.ReadRowAsync(live.SiloAddress);
        Assert.Equal(active.Version.Version, heartbeat.Version.Version); // heartbeats do not change the version
        Assert.Equal(live.IAmAliveTime, heartbeat.Members[0].Item1.IAmAliveTime);
        Assert.Empty((await table.ReadRowAsync(SiloAddress.New(IPAddress.Loopback, 29999, 1))).Members);

        // Clients see the gateways of active silos only.
        await AddMemberAsync(table, 20001, now, SiloStatus.ShuttingDown);
        var gateways = new AdoNetGatewayListProvider(
            NullLogger<AdoNetGatewayListProvider>.Instance,
            new ServiceCollection().BuildServiceProvider(),
            Options.Create(new AdoNetClusteringClientOptions { Invariant = Invariant, ConnectionString = cs }),
            Options.Create(new GatewayOptions()),
            Options.Create(new ClusterOptions { ClusterId = clusterId, ServiceId = clusterId }));
        await gateways.InitializeGatewayListProvider();
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 31111), Assert.Single(await gateways.GetGateways()).ToIPEndPoint());
        await ExecuteAsync(cs, $"DELETE FROM orleans_cluster_member WHERE cluster_id = '{clusterId}' AND port = 20001");

        // Cleanup, as the provider runs it while CleanupDefunctSiloEntryKey exists: members dead before the cut-off go,
        // a silo stuck joining since then stays (only Dead rows are ever removed).
        await AddMemberAsync(table, 20000, now.AddHours(-2), SiloStatus.Joining);
        await AddMemberAsync(table, 22222, now.AddHours(-2), SiloStatus.Dead);
        await AddMemberAsync(table, 23333, now.AddHours(-2), SiloStatus.Dead);
        await table.CleanupDefunctSiloEntriesAsync(now.AddHours(-1));
        Assert.Equal([20000, 21111], (await MembersAsync(cs, clusterId)).Select(m => m.Port));

        // That statement deletes a row only if it still holds the values the provider read.
        var late = await AddMemberAsync(table, 24444, now.AddHours(-2), SiloStatus.Dead);
        Assert.Equal(0, await RunPerEntryCleanupAsync(cs, clusterId, late, late.IAmAliveTime.AddSeconds(1)));
        Assert.Equal([20000, 21111, 24444], (await MembersAsync(cs, clusterId)).Select(m => m.Port));
        Assert.Equal(1, await RunPerEntryCleanupAsync(cs, clusterId, late, late.IAmAliveTime));

        // The fallback statement, used when CleanupDefunctSiloEntryKey is absent, also removes only dead members.
        await AddMemberAsync(table, 25555, now.AddHours(-2), SiloStatus.Dead);
        await ExecuteAsync(cs, "DELETE FROM orleansquery WHERE querykey = 'CleanupDefunctSiloEntryKey'");
        var fallback = CreateMembershipTable(cs, clusterId);
        await fallback.InitializeMembershipTableAsync(tryInitTableVersion: false);
        await fallback.CleanupDefunctSiloEntriesAsync(now.AddHours(-1));
        Assert.Equal([20000, 21111], (await MembersAsync(cs, clusterId)).Select(m => m.Port));
        await TradingPostgresSchema.ApplyAsync(cs);

        await table.DeleteMembershipTableEntriesAsync(clusterId);
        Assert.Equal(0L, await ScalarAsync<long>(cs, $"SELECT count(*) FROM orleans_cluster WHERE cluster_id = '{clusterId}'"));
        Assert.Empty(await MembersAsync(cs, clusterId));
    }

    [Fact]
    public async Task Grain_state_is_stored_as_readable_json_with_version_checks_and_clear()
    {
        string cs = await postgres.CreateDatabaseAsync("schema_state");
        var silo = await ProbeSilo.StartAsync(cs);
        try
        {
            var grain = silo.Grains.GetGrain<ISchemaProbeGrain>("probe/ä 1");
            Assert.Equal(new SchemaProbeView { Note = "", Count = 0, ETag = null, RecordExists = false }, await grain.Load());

            await grain.Save("first", 1);
            await grain.Save("second note, \"quoted\" ✓", 2);
            var saved = await grain.Load();
            Assert.Equal(new SchemaProbeView { Note = "second note, \"quoted\" ✓", Count = 2, ETag = "2", RecordExists = true }, saved);

            // The row, read the way an operator would with psql.
            var row = await StorageRowAsync(cs, silo.ServiceId);
            Assert.Equal(("probe/ä 1", 0L, 0L, 2), (row.GrainKey, row.N0, row.N1, row.Version));
            using (var json = JsonDocument.Parse(row.Json!))
            {
                Assert.Equal("second note, \"quoted\" ✓", json.RootElement.GetProperty("Note").GetString());
                Assert.Equal(2, json.RootElement.GetProperty("Count").GetInt32());
                Assert.Equal([1.5m, 2.25m], json.RootElement.GetProperty("Prices").EnumerateArray().Select(p => p.GetDecimal()));
            }

            Assert.Equal(row.Json, await ScalarAsync<string>(cs, $"SELECT state::text FROM orleans_storage_json WHERE service_id = '{silo.ServiceId}'"));

            // Writes with an ETag that is not the stored version surface as InconsistentStateException and change nothing.
            var storage = silo.Services.GetRequiredKeyedService<IGrainStorage>(StorageName);
            GrainId grainId = grain.GetGrainId();
            var stale = new GrainState<SchemaProbeState>(new SchemaProbeState { Note = "stale" }, "1");
            await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(SchemaProbeGrain.StateName, grainId, stale));
            var fresh = new GrainState<SchemaProbeState>(new SchemaProbeState { Note = "fresh" }, null);
            await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(SchemaProbeGrain.StateName, grainId, fresh));
            await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync(SchemaProbeGrain.StateName, grainId, new GrainState<SchemaProbeState>(new SchemaProbeState(), "7")));
            Assert.Equal(row, await StorageRowAsync(cs, silo.ServiceId));

            // A version for a row that does not exist (deleted meanwhile) is a conflict too, and creates nothing.
            var absent = silo.Grains.GetGrain<ISchemaProbeGrain>("absent").GetGrainId();
            await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(SchemaProbeGrain.StateName, absent, new GrainState<SchemaProbeState>(new SchemaProbeState(), "5")));
            Assert.Equal(0L, await ScalarAsync<long>(cs, $"SELECT count(*) FROM orleans_storage WHERE service_id = '{silo.ServiceId}' AND grain_key = 'absent'"));

            // Read directly: the provider returns what the grain wrote, with its ETag.
            var current = new GrainState<SchemaProbeState>();
            await storage.ReadStateAsync(SchemaProbeGrain.StateName, grainId, current);
            Assert.Equal(("2", true, "second note, \"quoted\" ✓"), (current.ETag, current.RecordExists, current.State!.Note));

            // Clear keeps the row with a null payload and the next version; the grain reads the default state.
            await grain.Clear();
            var cleared = await StorageRowAsync(cs, silo.ServiceId);
            Assert.Equal((3, (string?)null), (cleared.Version, cleared.Json));
            Assert.True(await ScalarAsync<bool>(cs, $"SELECT cleared FROM orleans_storage_json WHERE service_id = '{silo.ServiceId}'"));
            Assert.Equal(new SchemaProbeView { Note = "", Count = 0, ETag = "3", RecordExists = false }, await grain.Load());

            await grain.Save("after clear", 3);
            Assert.Equal(4, (await StorageRowAsync(cs, silo.ServiceId)).Version);

            // Another grain of the same class: its own row, keyed by its own key.
            await silo.Grains.GetGrain<ISchemaProbeGrain>("other").Save("x", 9);
            Assert.Equal(2L, await ScalarAsync<long>(cs, $"SELECT count(*) FROM orleans_storage WHERE service_id = '{silo.ServiceId}' AND state_name = '{SchemaProbeGrain.StateName}'"));
        }
        finally
        {
            await silo.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_reminder_registers_reads_back_by_grain_and_by_hash_range_and_unregisters()
    {
        string cs = await postgres.CreateDatabaseAsync("schema_reminder");
        var silo = await ProbeSilo.StartAsync(cs);
        try
        {
            var grain = silo.Grains.GetGrain<ISchemaProbeGrain>("reminded");
            GrainId grainId = grain.GetGrainId();
            await grain.Remind();
            await grain.Remind(); // registering again replaces the row and changes its version

            string sql = $"SELECT grain_id, period_ms, version FROM orleans_reminder WHERE service_id = '{silo.ServiceId}' AND reminder_name = '{SchemaProbeGrain.ReminderName}'";
            var (storedGrainId, periodMs, version) = await SingleRowAsync(cs, sql, r => (r.GetString(0), r.GetInt64(1), r.GetInt32(2)));
            Assert.Equal((grainId.ToString(), 60_000L, 2), (storedGrainId, periodMs, version));
            Assert.Equal(SchemaProbeGrain.ReminderName, await grain.ReminderNameOrNull());

            // The reminder table's range reads: signed hashes, plain and wrapped ranges, inclusive end, exclusive begin.
            var table = silo.Services.GetRequiredService<IReminderTable>();
            int hash = unchecked((int)grainId.GetUniformHashCode());
            Assert.InRange(hash, int.MinValue + 2, int.MaxValue - 2);
            Assert.Single((await table.ReadRows(unchecked((uint)(hash - 1)), unchecked((uint)hash))).Reminders); // begin < end
            Assert.Empty((await table.ReadRows(unchecked((uint)hash), unchecked((uint)(hash + 1)))).Reminders);
            Assert.Single((await table.ReadRows(unchecked((uint)(hash + 1)), unchecked((uint)hash))).Reminders); // wrapped
            Assert.Empty((await table.ReadRows(unchecked((uint)hash), unchecked((uint)(hash - 1)))).Reminders);
            var entry = Assert.Single((await table.ReadRows(grainId)).Reminders);
            Assert.Equal((SchemaProbeGrain.ReminderName, TimeSpan.FromMinutes(1), "2"), (entry.ReminderName, entry.Period, entry.ETag));
            Assert.Equal(DateTimeKind.Utc, entry.StartAt.Kind);
            Assert.False(await table.RemoveRow(grainId, SchemaProbeGrain.ReminderName, "1")); // stale ETag

            await grain.Forget();
            Assert.Null(await grain.ReminderNameOrNull());
            Assert.Equal(0L, await ScalarAsync<long>(cs, $"SELECT count(*) FROM orleans_reminder WHERE service_id = '{silo.ServiceId}'"));
        }
        finally
        {
            await silo.DisposeAsync();
        }
    }

    private static AdoNetClusteringTable CreateMembershipTable(string cs, string clusterId) => new(
        new ServiceCollection().BuildServiceProvider(),
        Options.Create(new ClusterOptions { ClusterId = clusterId, ServiceId = clusterId }),
        Options.Create(new AdoNetClusteringSiloOptions { Invariant = Invariant, ConnectionString = cs }),
        NullLogger<AdoNetClusteringTable>.Instance);

    /// <summary>Adds a member that joined at <paramref name="at"/> and (unless still joining) then moved to <paramref name="status"/>, as Orleans records it.</summary>
    private static async Task<MembershipEntry> AddMemberAsync(AdoNetClusteringTable table, int port, DateTime at, SiloStatus status)
    {
        var entry = new MembershipEntry
        {
            SiloAddress = SiloAddress.New(IPAddress.Loopback, port, 1),
            SiloName = $"silo-{port}",
            HostName = "host-b",
            Status = SiloStatus.Joining,
            ProxyPort = port + 10_000,
            StartTime = at,
            IAmAliveTime = at,
        };
        var before = await table.ReadAllAsync();
        Assert.True(await table.InsertRowAsync(entry, before.Version.Next()));
        if (status != SiloStatus.Joining)
        {
            var joined = await table.ReadAllAsync();
            entry.Status = status;
            Assert.True(await table.UpdateRowAsync(entry, joined.Version.VersionEtag, joined.Version.Next()));
        }

        return entry;
    }

    /// <summary>Runs the installed CleanupDefunctSiloEntryKey text with the parameters the provider binds; returns the rows deleted.</summary>
    private static async Task<int> RunPerEntryCleanupAsync(string cs, string clusterId, MembershipEntry entry, DateTime iAmAliveTime)
    {
        string sql = await ScalarAsync<string>(cs, "SELECT querytext FROM orleansquery WHERE querykey = 'CleanupDefunctSiloEntryKey'");
        await using var connection = new NpgsqlConnection(cs);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("DeploymentId", clusterId);
        command.Parameters.AddWithValue("Address", entry.SiloAddress.Endpoint.Address.ToString());
        command.Parameters.AddWithValue("Port", entry.SiloAddress.Endpoint.Port);
        command.Parameters.AddWithValue("Generation", entry.SiloAddress.Generation);
        command.Parameters.AddWithValue("SuspectTimes", DBNull.Value);
        command.Parameters.AddWithValue("StartTime", entry.StartTime);
        command.Parameters.AddWithValue("IAmAliveTime", iAmAliveTime);
        return await command.ExecuteNonQueryAsync();
    }

    private static DateTime TruncateToMicroseconds(DateTime value) => new(value.Ticks - (value.Ticks % 10), DateTimeKind.Utc);

    /// <summary>
    /// Every query key named by Orleans' ADO.NET assemblies: the properties of the clustering and reminder query
    /// catalogues (DbStoredQueries, which refuses to start without them), the key literals in that class's code
    /// (optional keys are looked up by literal), and the keys in the storage provider's start-up query.
    /// </summary>
    private static IEnumerable<string> DemandedQueryKeys()
    {
        Assembly[] catalogues = [typeof(AdoNetClusteringSiloOptions).Assembly, typeof(AdoNetReminderTableOptions).Assembly];
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var assembly in catalogues)
        {
            var storedQueries = assembly.GetTypes().Single(t => t.Name == "DbStoredQueries");
            keys.UnionWith(storedQueries.GetProperties(BindingFlags.Instance | BindingFlags.NonPublic).Select(p => p.Name));
            const BindingFlags Declared = BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
            keys.UnionWith(storedQueries.GetMethods(Declared).SelectMany(StringLiterals).Where(literal => KeyName().IsMatch(literal)));
        }

        keys.UnionWith(QueryKeyLiteral().Matches(AdoNetGrainStorage.DefaultInitializationQuery).Select(match => match.Groups[1].Value));
        return keys;
    }

    /// <summary>The string literals a method loads (IL <c>ldstr</c> with a user-string token).</summary>
    private static IEnumerable<string> StringLiterals(MethodInfo method)
    {
        byte[] il = method.GetMethodBody()?.GetILAsByteArray() ?? [];
        for (int i = 0; i + 4 < il.Length; i++)
        {
            if (il[i] != 0x72 || il[i + 4] != 0x70)
            {
                continue;
            }

            string? literal;
            try
            {
                literal = method.Module.ResolveString(BitConverter.ToInt32(il, i + 1));
            }
            catch (ArgumentException)
            {
                literal = null; // an operand byte that looked like ldstr
            }

            if (literal is not null)
            {
                yield return literal;
            }
        }
    }

    [GeneratedRegex(@"^[A-Z][A-Za-z0-9]*Key$")]
    private static partial Regex KeyName();

    [GeneratedRegex(@"QueryKey = '(\w+)'")]
    private static partial Regex QueryKeyLiteral();

    private sealed record MemberRow(string Address, int Port, int Generation, int Status, int ProxyPort);

    private static Task<List<MemberRow>> MembersAsync(string cs, string clusterId) => RowsAsync(
        cs,
        $"SELECT address, port, generation, status, proxy_port FROM orleans_cluster_member WHERE cluster_id = '{clusterId}' ORDER BY port",
        r => new MemberRow(r.GetString(0), r.GetInt32(1), r.GetInt32(2), r.GetInt32(3), r.GetInt32(4)));

    private sealed record StorageRow(string GrainKey, long N0, long N1, int Version, string? Json);

    /// <summary>The probe grain's row, its payload decoded in SQL as an operator would: convert_from(payload, 'UTF8')::jsonb.</summary>
    private static Task<StorageRow> StorageRowAsync(string cs, string serviceId) => SingleRowAsync(
        cs,
        $"""
        SELECT grain_key, key_n0, key_n1, version, convert_from(payload, 'UTF8')::jsonb::text
        FROM orleans_storage
        WHERE service_id = '{serviceId}' AND state_name = '{SchemaProbeGrain.StateName}' AND grain_key LIKE 'probe/%'
        """,
        r => new StorageRow(r.GetString(0), r.GetInt64(1), r.GetInt64(2), r.GetInt32(3), r.IsDBNull(4) ? null : r.GetString(4)));

    /// <summary>Tables, views, functions and indexes of the public schema, to prove a refused database was not changed.</summary>
    private static async Task<string> CatalogSnapshotAsync(string cs) => string.Join('\n', await RowsAsync(
        cs,
        """
        SELECT c.relkind::text || ' ' || c.relname FROM pg_class AS c JOIN pg_namespace AS n ON n.oid = c.relnamespace WHERE n.nspname = 'public'
        UNION ALL
        SELECT 'f ' || p.proname FROM pg_proc AS p JOIN pg_namespace AS n ON n.oid = p.pronamespace WHERE n.nspname = 'public'
        ORDER BY 1
        """,
        r => r.GetString(0)));

    private static async Task<Dictionary<string, string>> QueryTextsAsync(string cs) =>
        (await RowsAsync(cs, "SELECT querykey, querytext FROM orleansquery", r => (Key: r.GetString(0), Text: r.GetString(1))))
            .ToDictionary(row => row.Key, row => row.Text, StringComparer.Ordinal);

    private static async Task ExecuteAsync(string cs, string sql)
    {
        await using var connection = new NpgsqlConnection(cs);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<T> ScalarAsync<T>(string cs, string sql)
    {
        await using var connection = new NpgsqlConnection(cs);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        object? value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? default! : (T)value;
    }

    private static async Task<List<T>> RowsAsync<T>(string cs, string sql, Func<NpgsqlDataReader, T> read)
    {
        await using var connection = new NpgsqlConnection(cs);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    private static async Task<T> SingleRowAsync<T>(string cs, string sql, Func<NpgsqlDataReader, T> read) =>
        Assert.Single(await RowsAsync(cs, sql, read));

    /// <summary>Polls <paramref name="probe"/> until <paramref name="done"/> holds, failing after <see cref="Deadline"/>.</summary>
    private static async Task<T> PollAsync<T>(Func<Task<T>> probe, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (true)
        {
            T value = await probe();
            if (done(value))
            {
                return value;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The condition did not hold within {Deadline.TotalSeconds} s; last value: {value}");
            await Task.Delay(50);
        }
    }

    /// <summary>
    /// One silo hosted the way the project's silos will be: Host.CreateApplicationBuilder + UseOrleans, ADO.NET
    /// clustering, grain storage with the System.Text.Json serializer and reminders, all on PostgreSQL through the
    /// schema (ensured first), on 127.0.0.1 with a free port pair and its own ClusterId and ServiceId.
    /// </summary>
    private sealed class ProbeSilo : IAsyncDisposable
    {
        private readonly IHost _host;

        private ProbeSilo(IHost host, string clusterId, string serviceId, int siloPort, int gatewayPort)
        {
            _host = host;
            ClusterId = clusterId;
            ServiceId = serviceId;
            SiloPort = siloPort;
            GatewayPort = gatewayPort;
        }

        public string ClusterId { get; }

        public string ServiceId { get; }

        public int SiloPort { get; }

        public int GatewayPort { get; }

        public IServiceProvider Services => _host.Services;

        public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

        public static async Task<ProbeSilo> StartAsync(string cs)
        {
            await TradingPostgresSchema.EnsureAsync(cs);
            string suffix = Guid.NewGuid().ToString("N")[..10];
            string clusterId = "cluster-" + suffix;
            string serviceId = "service-" + suffix;
            var (siloPort, gatewayPort) = FreePortPair();

            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
            builder.Logging.ClearProviders();
            builder.UseOrleans(silo =>
            {
                silo.Configure<ClusterOptions>(options =>
                {
                    options.ClusterId = clusterId;
                    options.ServiceId = serviceId;
                });
                silo.ConfigureEndpoints(IPAddress.Loopback, siloPort, gatewayPort);
                silo.UseAdoNetClustering(options =>
                {
                    options.Invariant = Invariant;
                    options.ConnectionString = cs;
                });
                silo.AddAdoNetGrainStorage(StorageName, options =>
                {
                    options.Invariant = Invariant;
                    options.ConnectionString = cs;
                });
                silo.UseSystemTextJsonGrainStorageSerializer();
                silo.UseAdoNetReminderService(options =>
                {
                    options.Invariant = Invariant;
                    options.ConnectionString = cs;
                });
            });

            var host = builder.Build();
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                await host.StartAsync(timeout.Token);
            }
            catch
            {
                host.Dispose();
                throw;
            }

            return new ProbeSilo(host, clusterId, serviceId, siloPort, gatewayPort);
        }

        public async ValueTask DisposeAsync()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await _host.StopAsync(timeout.Token);
            }
            finally
            {
                _host.Dispose();
            }
        }

        /// <summary>Two distinct free ports of 127.0.0.1, both held until both are chosen.</summary>
        private static (int Silo, int Gateway) FreePortPair()
        {
            using var first = new TcpListener(IPAddress.Loopback, 0);
            using var second = new TcpListener(IPAddress.Loopback, 0);
            first.Start();
            second.Start();
            int siloPort = ((IPEndPoint)first.LocalEndpoint).Port;
            int gatewayPort = ((IPEndPoint)second.LocalEndpoint).Port;
            first.Stop();
            second.Stop();
            return (siloPort, gatewayPort);
        }
    }
}

/// <summary>Test grain of <see cref="TradingPostgresSchemaTests"/>: persistent state on the ADO.NET provider, and a reminder.</summary>
public interface ISchemaProbeGrain : IGrainWithStringKey
{
    Task Save(string note, int count);

    Task<SchemaProbeView> Load();

    Task Clear();

    Task Remind();

    Task<string?> ReminderNameOrNull();

    Task Forget();
}

[GenerateSerializer]
public sealed class SchemaProbeState
{
    [Id(0)]
    public string Note { get; set; } = "";

    [Id(1)]
    public int Count { get; set; }

    [Id(2)]
    public List<decimal> Prices { get; set; } = [];
}

[GenerateSerializer]
public sealed record SchemaProbeView
{
    [Id(0)]
    public required string Note { get; init; }

    [Id(1)]
    public required int Count { get; init; }

    [Id(2)]
    public required string? ETag { get; init; }

    [Id(3)]
    public required bool RecordExists { get; init; }
}

public sealed class SchemaProbeGrain(
    [PersistentState(SchemaProbeGrain.StateName, SchemaProbeGrain.StorageName)] IPersistentState<SchemaProbeState> state)
    : Grain, ISchemaProbeGrain, IRemindable
{
    public const string StorageName = "schema-probe-store";
    public const string StateName = "schema-probe";
    public const string ReminderName = "schema-probe-reminder";

    public Task Save(string note, int count)
    {
        state.State.Note = note;
        state.State.Count = count;
        state.State.Prices = [1.5m, 2.25m];
        return state.WriteStateAsync();
    }

    public async Task<SchemaProbeView> Load()
    {
        await state.ReadStateAsync();
        return new SchemaProbeView { Note = state.State.Note, Count = state.State.Count, ETag = state.Etag, RecordExists = state.RecordExists };
    }

    public Task Clear() => state.ClearStateAsync();

    // Due in an hour: the reminder is registered and read, never fired, during the test.
    public Task Remind() => this.RegisterOrUpdateReminder(ReminderName, TimeSpan.FromHours(1), TimeSpan.FromMinutes(1));

    public async Task<string?> ReminderNameOrNull() => (await this.GetReminder(ReminderName))?.ReminderName;

    public async Task Forget()
    {
        var reminder = await this.GetReminder(ReminderName) ?? throw new InvalidOperationException("No reminder to forget.");
        await this.UnregisterReminder(reminder);
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask;
}

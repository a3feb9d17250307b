using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using TradingRobotPlug.Api.Realtime;
using TradingRobotPlug.Api.Tests.Experiments;
using TradingRobotPlug.Api.Tests.Infrastructure;
using TradingRobotPlug.Api.Tests.Security;

namespace TradingRobotPlug.Api.Tests.Realtime;

/// <summary>
/// The hub group <c>experiments</c> (the live experiment list, issue 11) with owners: the join state is the caller's
/// own list (an operator's: everyone's), then pushes of its own experiments' creation, new paired days and stop, and
/// never another owner's experiment.
/// </summary>
/// <remarks>
/// "Never arrives" is checked without waiting on a clock: the notifier starts a flush's pushes to every group before
/// any of them is received, and SignalR writes to one connection in the order the writes were started. So once an
/// operator has received a row, any push of that row to a wrong group has been started, and a caller that then
/// receives a later push of its own would have received the wrong one before it.
/// </remarks>
public sealed class ExperimentListHubTests(OwnersApiFactory factory) : IClassFixture<OwnersApiFactory>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private IClusterClient Cluster => factory.Services.GetRequiredService<IClusterClient>();

    private static Dictionary<string, string> Key(string key) => new() { ["X-Api-Key"] = key };

    [Fact]
    public async Task The_list_group_sends_the_callers_experiments_then_pushes_its_own_creates_new_days_and_stops_only()
    {
        await CreateArms(OwnersApiFactory.Alice, "xl-a", "XLA");
        await CreateArms(OwnersApiFactory.Bob, "xl-b", "XLB");
        await CreateExperiment(OwnersApiFactory.Alice, "xl-a0", "xl-a");
        await CreateExperiment(OwnersApiFactory.Bob, "xl-b0", "xl-b");

        await using var alice = await HubTestClient.ConnectAsync(factory.Server, Key(OwnersApiFactory.Alice));
        await using var bob = await HubTestClient.ConnectAsync(factory.Server, Key(OwnersApiFactory.Bob));
        await using var carol = await HubTestClient.ConnectAsync(factory.Server, Key(OwnersApiFactory.Carol));
        await using var olga = await HubTestClient.ConnectAsync(factory.Server, Key(OwnersApiFactory.Olga));
        foreach (var hub in new[] { alice, bob, carol, olga })
        {
            await hub.InvokeAsync("Join", "Experiments");
        }

        // The join state arrives before Join returns: each caller's own experiments, an operator's everyone's, a
        // viewer without experiments none (the other test of the class adds alice's xm-… experiments).
        Assert.Equal(["xl-a0"], JoinState(alice).Where(id => id.StartsWith("xl-", StringComparison.Ordinal)));
        Assert.Equal(["xl-b0"], JoinState(bob));
        Assert.Empty(JoinState(carol));
        Assert.Equal(["xl-a0", "xl-b0"], JoinState(olga).Where(id => id.StartsWith("xl-", StringComparison.Ordinal)));

        // Created: the row arrives running, with no paired day yet (its arms have no bars).
        await CreateExperiment(OwnersApiFactory.Alice, "xl-a1", "xl-a");
        var created = await WaitForRowAsync(alice, "xl-a1", r => r.GetProperty("status").GetString() == "Running");
        Assert.Equal(0, created.GetProperty("result").GetProperty("days").GetInt64());
        Assert.Equal("xl-a-c", created.GetProperty("settings").GetProperty("control").GetString());

        // 40 daily bars: a date enters the result once both arms have closed it (their first mark of a later date), so
        // 39 paired days for each of alice's experiments on XLA; the pushed row is the experiment's REST answer.
        await ExperimentTestData.Publish(Cluster, "XLA", ExperimentTestData.Bars("XLA", 40));
        foreach (var id in new[] { "xl-a0", "xl-a1" })
        {
            var row = await WaitForRowAsync(alice, id, r => r.GetProperty("result").GetProperty("days").GetInt64() == 39);
            using var http = factory.Client(OwnersApiFactory.Alice);
            var rest = await (await http.GetAsync($"/api/v1/experiments/{id}")).ReadJson();
            Assert.Equal(rest.GetProperty("result").GetRawText(), row.GetProperty("result").GetRawText());
            Assert.True(row.GetProperty("result").GetProperty("pValue").ValueKind == JsonValueKind.Number, "39 paired days give a p-value");
        }

        // bob's own new experiment reaches bob and the operator; after the operator has it, stopping one of alice's
        // reaches alice, with the stop's answer as the row.
        await CreateExperiment(OwnersApiFactory.Bob, "xl-b1", "xl-b");
        await WaitForRowAsync(bob, "xl-b1", r => r.GetProperty("status").GetString() == "Running");
        await WaitForRowAsync(olga, "xl-b1", r => r.GetProperty("status").GetString() == "Running");
        using (var http = factory.Client(OwnersApiFactory.Alice))
        {
            using var stop = await http.PostAsync("/api/v1/experiments/xl-a1/stop", null);
            Assert.Equal(HttpStatusCode.OK, stop.StatusCode);
            var stopped = await stop.ReadJson();
            var row = await WaitForRowAsync(alice, "xl-a1", r => r.GetProperty("status").GetString() == "Stopped");
            Assert.Equal(stopped.GetRawText(), row.GetRawText());
        }

        await WaitForRowAsync(olga, "xl-a1", r => r.GetProperty("status").GetString() == "Stopped");
        Assert.DoesNotContain(Rows(alice), r => r.GetProperty("id").GetString()!.StartsWith("xl-b", StringComparison.Ordinal));
        Assert.DoesNotContain(Rows(bob), r => r.GetProperty("id").GetString()!.StartsWith("xl-a", StringComparison.Ordinal));
        Assert.Empty(Rows(carol));
        Assert.All(Rows(alice), r => Assert.Equal("alice", r.GetProperty("settings").GetProperty("owner").GetString()));
        Assert.Null(alice.ClosedWith);
    }

    [Fact]
    public async Task After_Leave_no_push_of_the_list_arrives_and_joining_again_sends_the_list_again()
    {
        await CreateArms(OwnersApiFactory.Alice, "xm-a", "XMA");
        await using var alice = await HubTestClient.ConnectAsync(factory.Server, Key(OwnersApiFactory.Alice));
        await using var olga = await HubTestClient.ConnectAsync(factory.Server, Key(OwnersApiFactory.Olga));
        await olga.InvokeAsync("Join", "experiments");

        // The creation's push has been started before alice joins, so none of it can arrive after her Leave.
        await CreateExperiment(OwnersApiFactory.Alice, "xm-a0", "xm-a");
        await WaitForRowAsync(olga, "xm-a0", r => r.GetProperty("status").GetString() == "Running");
        await alice.InvokeAsync("Join", "experiments");
        Assert.Contains("xm-a0", JoinState(alice));
        await alice.InvokeAsync("Leave", "experiments");
        int left = alice.Events().Count;

        // Once the operator has the new row, its push to alice's group was started; alice, out of the group, gets none.
        await CreateExperiment(OwnersApiFactory.Alice, "xm-a1", "xm-a");
        await WaitForRowAsync(olga, "xm-a1", r => r.GetProperty("status").GetString() == "Running");
        await alice.InvokeAsync("Join", "experiments");
        var after = alice.Events().Skip(left).ToList();
        var first = Assert.Single(after);
        Assert.Equal(ExperimentNotifier.ListEvent, first.Target);
        Assert.True(first.Argument.GetProperty("complete").GetBoolean());
        Assert.Equal(["xm-a0", "xm-a1"], Ids(first).Where(id => id.StartsWith("xm-", StringComparison.Ordinal)));
    }

    private async Task CreateArms(string key, string prefix, string symbol)
    {
        using var http = factory.Client(key);
        foreach (var (id, fast, slow) in new[] { (prefix + "-c", 5, 20), (prefix + "-t", 3, 10) })
        {
            using var created = await http.PostJson("/api/v1/strategies", new { id, kind = "sma-cross", parameters = new { fast, slow }, instruments = new[] { symbol }, capital = 10_000m });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }
    }

    private async Task CreateExperiment(string key, string id, string arms)
    {
        using var http = factory.Client(key);
        using var created = await http.PostJson("/api/v1/experiments", new { id, name = id, control = arms + "-c", treatment = arms + "-t" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    /// <summary>The ids of the first <c>experiments</c> event, which must be the join state.</summary>
    private static string[] JoinState(HubTestClient hub)
    {
        var first = hub.Events(ExperimentNotifier.ListEvent)[0];
        Assert.True(first.Argument.GetProperty("complete").GetBoolean(), "the first experiments event is the join state");
        return Ids(first);
    }

    private static string[] Ids(HubEvent e)
        => [.. e.Argument.GetProperty("experiments").EnumerateArray().Select(r => r.GetProperty("id").GetString()!)];

    /// <summary>Every row of every <c>experiments</c> push (not the join state) received so far.</summary>
    private static List<JsonElement> Rows(HubTestClient hub)
        => [.. hub.Events(ExperimentNotifier.ListEvent).Where(e => !e.Argument.GetProperty("complete").GetBoolean())
            .SelectMany(e => e.Argument.GetProperty("experiments").EnumerateArray())];

    /// <summary>Waits for a pushed row of experiment <paramref name="id"/> that satisfies <paramref name="match"/>.</summary>
    private static async Task<JsonElement> WaitForRowAsync(HubTestClient hub, string id, Func<JsonElement, bool> match)
    {
        bool Found(JsonElement r) => r.GetProperty("id").GetString() == id && match(r);
        await hub.WaitUntilAsync(_ => Rows(hub).Any(Found), Timeout);
        return Rows(hub).Last(Found);
    }
}

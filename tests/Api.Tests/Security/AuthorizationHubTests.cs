using System.Net;
using TradingRobotPlug.Api.Tests.Infrastructure;
using TradingRobotPlug.Api.Tests.Realtime;

namespace TradingRobotPlug.Api.Tests.Security;

/// <summary>The SignalR hub with owners: the same authentication as REST, and group joins only of what the caller may read.</summary>
public sealed class AuthorizationHubTests(OwnersApiFactory factory) : IClassFixture<OwnersApiFactory>
{
    private static Dictionary<string, string> Key(string key) => new() { ["X-Api-Key"] = key };

    private async Task Setup()
    {
        using var alice = factory.Client(OwnersApiFactory.Alice);
        foreach (var id in new[] { "hub-a", "hub-b" })
        {
            var created = await alice.PostJson("/api/v1/strategies", new { id, kind = "buy-and-hold", instruments = new[] { "HUB" }, capital = 1000m });
            Assert.True(created.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK);
        }

        var experiment = await alice.PostJson("/api/v1/experiments", new { id = "hub-exp", name = "hub", control = "hub-a", treatment = "hub-b" });
        Assert.True(experiment.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK);
    }

    [Fact]
    public async Task Connecting_without_credentials_or_with_a_wrong_key_is_refused()
    {
        await Assert.ThrowsAnyAsync<InvalidOperationException>(() => HubTestClient.ConnectAsync(factory.Server));
        await Assert.ThrowsAnyAsync<InvalidOperationException>(() => HubTestClient.ConnectAsync(factory.Server, Key("wrong")));
        using var http = factory.Client(OwnersApiFactory.Alice);
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsync("/hubs/dashboard/negotiate?negotiateVersion=1", null)).StatusCode);
    }

    [Fact]
    public async Task The_owner_joins_its_strategy_and_experiment_groups_another_owner_is_refused_as_for_an_unknown_id()
    {
        await Setup();
        await using var alice = await HubTestClient.ConnectAsync(factory.Server, Key(OwnersApiFactory.Alice));
        await alice.InvokeAsync("Join", "strategy:hub-a");
        await alice.InvokeAsync("Join", "experiment:hub-exp");
        await alice.InvokeAsync("Join", "instrument:HUB");

        await using var bob = await HubTestClient.ConnectAsync(factory.Server, Key(OwnersApiFactory.Bob));
        var strategy = await Assert.ThrowsAsync<HubInvocationException>(() => bob.InvokeAsync("Join", "strategy:hub-a"));
        var missing = await Assert.ThrowsAsync<HubInvocationException>(() => bob.InvokeAsync("Join", "strategy:hub-none"));
        Assert.Equal(missing.Message.Replace("hub-none", "hub-a", StringComparison.Ordinal), strategy.Message);
        var experiment = await Assert.ThrowsAsync<HubInvocationException>(() => bob.InvokeAsync("Join", "experiment:hub-exp"));
        Assert.Contains("no experiment with id 'hub-exp'", experiment.Message, StringComparison.Ordinal);
        // An instrument without market data exists for alice because her strategy trades it; for bob that is another
        // owner's secret, so he gets the answer of an instrument nobody trades. Market data itself is shared.
        var instrument = await Assert.ThrowsAsync<HubInvocationException>(() => bob.InvokeAsync("Join", "instrument:HUB"));
        var nobody = await Assert.ThrowsAsync<HubInvocationException>(() => bob.InvokeAsync("Join", "instrument:HUBX"));
        Assert.Equal(nobody.Message.Replace("HUBX", "HUB", StringComparison.Ordinal), instrument.Message);
        using (var olga = factory.Client(OwnersApiFactory.Olga))
        {
            var ticks = new { ticks = new[] { new { time = "2024-01-02T10:00:00Z", price = 10m, size = 1m } } };
            Assert.Equal(HttpStatusCode.Accepted, (await olga.PostJson("/api/v1/instruments/HUB/ticks", ticks)).StatusCode);
        }

        await bob.InvokeAsync("Join", "instrument:HUB");
        await bob.InvokeAsync("Leave", "strategy:hub-a"); // leaving is harmless

        await using var carol = await HubTestClient.ConnectAsync(factory.Server, Key(OwnersApiFactory.Carol));
        await Assert.ThrowsAsync<HubInvocationException>(() => carol.InvokeAsync("Join", "strategy:hub-a"));
    }

    [Fact]
    public async Task The_overview_group_is_each_owners_own_and_operators_also_join_any_strategy()
    {
        await Setup();
        await using var alice = await HubTestClient.ConnectAsync(factory.Server, Key(OwnersApiFactory.Alice));
        await alice.InvokeAsync("Join", "overview");
        Assert.All(alice.Events("metrics").SelectMany(e => e.Argument.EnumerateArray()), s => Assert.StartsWith("hub-", s.GetProperty("id").GetString(), StringComparison.Ordinal));
        var named = await Assert.ThrowsAsync<HubInvocationException>(() => alice.InvokeAsync("Join", "overview@bob"));
        Assert.Contains("Unknown group", named.Message, StringComparison.Ordinal);

        await using var carol = await HubTestClient.ConnectAsync(factory.Server, Key(OwnersApiFactory.Carol));
        await carol.InvokeAsync("Join", "overview");
        Assert.Empty(carol.Events("metrics").SelectMany(e => e.Argument.EnumerateArray()));

        await using var olga = await HubTestClient.ConnectAsync(factory.Server, Key(OwnersApiFactory.Olga));
        await olga.InvokeAsync("Join", "overview");
        await olga.InvokeAsync("Join", "strategy:hub-a");
        await olga.InvokeAsync("Join", "experiment:hub-exp");
    }

    [Fact]
    public async Task A_bearer_token_in_the_access_token_query_authenticates_the_websocket()
    {
        await Setup();
        using var http = factory.Client(OwnersApiFactory.Alice);
        var token = (await (await http.PostAsync("/api/v1/auth/token", null)).ReadJson()).GetProperty("token").GetString();
        await using var alice = await HubTestClient.ConnectAsync(factory.Server, new Dictionary<string, string>(), query: $"access_token={token}");
        await alice.InvokeAsync("Join", "strategy:hub-a");

        var bobToken = OwnersApiFactory.Token("bob", ["trader"]);
        await using var bob = await HubTestClient.ConnectAsync(factory.Server, new Dictionary<string, string>(), query: $"access_token={bobToken}");
        await Assert.ThrowsAsync<HubInvocationException>(() => bob.InvokeAsync("Join", "strategy:hub-a"));
        var expired = OwnersApiFactory.Token("alice", ["trader"], notBefore: DateTime.UtcNow.AddHours(-3), expires: DateTime.UtcNow.AddHours(-2));
        await Assert.ThrowsAnyAsync<InvalidOperationException>(() => HubTestClient.ConnectAsync(factory.Server, new Dictionary<string, string>(), query: $"access_token={expired}"));
    }
}

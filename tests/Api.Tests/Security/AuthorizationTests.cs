using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TradingRobotPlug.Api.Tests.Infrastructure;
using TradingRobotPlug.Api.Tests.Rest;

namespace TradingRobotPlug.Api.Tests.Security;

/// <summary>
/// Owners and roles on every REST route (issue 12): the owner / another owner / no credentials / the wrong role, the
/// lists, alerts and portfolio per owner, and the two legacy keys as two owners.
/// </summary>
public sealed class AuthorizationTests(OwnersApiFactory factory) : IClassFixture<OwnersApiFactory>
{
    /// <summary>The read routes of one strategy, relative to <c>/api/v1/strategies/{id}</c>.</summary>
    public static TheoryData<string> StrategyReads => new() { "", "/snapshot", "/metrics", "/equity", "/trades", "/rejections", "/alerts" };

    /// <summary>The write routes of one strategy: method and path relative to <c>/api/v1/strategies/{id}</c>.</summary>
    public static TheoryData<string, string> StrategyWrites => new()
    {
        { "POST", "/start" }, { "POST", "/stop" }, { "POST", "/pause" }, { "PUT", "/alerts" }, { "DELETE", "" },
    };

    /// <summary>Every route, with a body where it takes one: without credentials each answers 401.</summary>
    public static TheoryData<string, string> EveryRoute => new()
    {
        { "GET", "/api/v1/strategies" }, { "POST", "/api/v1/strategies" }, { "GET", "/api/v1/strategies/x" },
        { "GET", "/api/v1/strategies/x/snapshot" }, { "POST", "/api/v1/strategies/x/start" }, { "POST", "/api/v1/strategies/x/stop" },
        { "POST", "/api/v1/strategies/x/pause" }, { "DELETE", "/api/v1/strategies/x" }, { "GET", "/api/v1/strategies/x/metrics" },
        { "GET", "/api/v1/strategies/x/equity" }, { "GET", "/api/v1/strategies/x/trades" }, { "GET", "/api/v1/strategies/x/rejections" },
        { "GET", "/api/v1/strategies/x/alerts" }, { "PUT", "/api/v1/strategies/x/alerts" }, { "GET", "/api/v1/strategy-kinds" },
        { "GET", "/api/v1/strategy-kinds/sma-cross" }, { "GET", "/api/v1/overview" }, { "GET", "/api/v1/portfolio" },
        { "GET", "/api/v1/portfolio/metrics" }, { "GET", "/api/v1/instruments" }, { "GET", "/api/v1/instruments/SPX" },
        { "GET", "/api/v1/instruments/SPX/bars" }, { "GET", "/api/v1/instruments/SPX/indicators?set=sma:2" },
        { "POST", "/api/v1/instruments/SPX/ticks" }, { "GET", "/api/v1/datasets" }, { "POST", "/api/v1/replays" },
        { "GET", "/api/v1/replays/current" }, { "POST", "/api/v1/replays/current/stop" }, { "POST", "/api/v1/replays/current/pause" },
        { "POST", "/api/v1/replays/current/resume" }, { "PUT", "/api/v1/replays/current/speed" }, { "POST", "/api/v1/replays/current/restart" },
        { "GET", "/api/v1/replays/preview?dataset=spx&symbol=SPX" }, { "GET", "/api/v1/alerts" }, { "GET", "/api/v1/cluster" },
        { "POST", "/api/v1/experiments" }, { "GET", "/api/v1/experiments" }, { "GET", "/api/v1/experiments/x" },
        { "POST", "/api/v1/experiments/x/stop" }, { "GET", "/api/v1/auth/me" }, { "POST", "/api/v1/auth/token" },
        { "GET", "/openapi/v1.json" }, { "GET", "/dashboard/" }, { "POST", "/hubs/dashboard/negotiate?negotiateVersion=1" },
    };

    private static HttpRequestMessage Request(string method, string url)
        => new(new HttpMethod(method), url) { Content = method is "GET" or "DELETE" ? null : JsonContent.Create(new { }) };

    private async Task<string> CreateStrategy(string key, string id, bool start = true)
    {
        using var http = factory.Client(key);
        var created = await http.PostJson("/api/v1/strategies", new { id, kind = "buy-and-hold", instruments = new[] { "AUTH" }, capital = 1000m, start });
        Assert.True(created.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"{created.StatusCode}: {await created.Content.ReadAsStringAsync()}");
        return id;
    }

    [Theory]
    [MemberData(nameof(EveryRoute))]
    public async Task Every_route_answers_401_problem_json_without_credentials(string method, string url)
    {
        using var http = factory.Client(null);
        using var response = await http.SendAsync(Request(method, url));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("ApiKey", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        if (!url.StartsWith("/dashboard", StringComparison.Ordinal))
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Theory]
    [MemberData(nameof(EveryRoute))]
    public async Task A_wrong_key_is_401_on_every_route(string method, string url)
    {
        using var http = factory.Client(OwnersApiFactory.Alice + "x");
        using var response = await http.SendAsync(Request(method, url));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Health_and_the_dashboard_page_need_no_credentials()
    {
        using var http = factory.Client(null);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live")).StatusCode);
        Assert.NotEqual(HttpStatusCode.Unauthorized, (await http.GetAsync("/strategies/anything")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(StrategyReads))]
    public async Task Reads_of_a_strategy_the_owner_and_an_operator_200_another_owner_and_a_viewer_404(string route)
    {
        var id = await CreateStrategy(OwnersApiFactory.Alice, "auth-read" + route.Replace('/', '-'));
        foreach (var (key, expected) in new[]
        {
            (OwnersApiFactory.Alice, HttpStatusCode.OK), (OwnersApiFactory.Olga, HttpStatusCode.OK),
            (OwnersApiFactory.Bob, HttpStatusCode.NotFound), (OwnersApiFactory.Carol, HttpStatusCode.NotFound),
        })
        {
            using var http = factory.Client(key);
            using var response = await http.GetAsync($"/api/v1/strategies/{id}{route}");
            Assert.True(expected == response.StatusCode, $"{key} GET {route}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            if (expected == HttpStatusCode.NotFound)
            {
                // Exactly the answer for an id that does not exist.
                using var missing = await http.GetAsync($"/api/v1/strategies/no-such-strategy{route}");
                Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
                Assert.Equal(
                    (await missing.ReadJson()).GetProperty("title").GetString(),
                    (await response.ReadJson()).GetProperty("title").GetString());
            }
        }
    }

    [Theory]
    [MemberData(nameof(StrategyWrites))]
    public async Task Writes_to_a_strategy_another_owner_404_a_viewer_and_an_operator_403_the_owner_passes(string method, string route)
    {
        var id = await CreateStrategy(OwnersApiFactory.Alice, "auth-write" + route.Replace('/', '-') + "-" + method.ToLowerInvariant());
        var url = $"/api/v1/strategies/{id}{route}";
        HttpRequestMessage Write() => new(new HttpMethod(method), url)
        {
            Content = method == "PUT" ? JsonContent.Create(new { maxDrawdown = 0.5 }) : null,
        };

        foreach (var (key, expected) in new[]
        {
            (OwnersApiFactory.Bob, HttpStatusCode.NotFound), (OwnersApiFactory.Carol, HttpStatusCode.Forbidden),
            (OwnersApiFactory.Olga, HttpStatusCode.Forbidden), ((string?)null, HttpStatusCode.Unauthorized),
        })
        {
            using var http = factory.Client(key);
            using var response = await http.SendAsync(Write());
            Assert.True(expected == response.StatusCode, $"{key} {method} {route}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        // Nothing changed: the strategy is still there and running.
        using var alice = factory.Client(OwnersApiFactory.Alice);
        var details = await (await alice.GetAsync($"/api/v1/strategies/{id}")).ReadJson();
        Assert.Equal("Running", details.GetProperty("status").GetString());

        using var own = await alice.SendAsync(Write());
        Assert.True(
            own.StatusCode is HttpStatusCode.OK or HttpStatusCode.NoContent or HttpStatusCode.Conflict,
            $"alice {method} {route}: {own.StatusCode} {await own.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public async Task A_forbidden_answer_names_the_role_needed()
    {
        using var carol = factory.Client(OwnersApiFactory.Carol);
        using var response = await carol.PostJson("/api/v1/strategies", new { id = "carol-s", kind = "buy-and-hold", instruments = new[] { "AUTH" }, capital = 1000m });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var detail = (await response.ReadJson()).GetProperty("detail").GetString();
        Assert.Contains("'carol'", detail, StringComparison.Ordinal);
        Assert.Contains("trader", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Creating_an_id_another_owner_holds_is_409_saying_only_that_it_is_taken()
    {
        await CreateStrategy(OwnersApiFactory.Alice, "auth-taken");
        using var bob = factory.Client(OwnersApiFactory.Bob);
        using var response = await bob.PostJson("/api/v1/strategies", new { id = "auth-taken", kind = "buy-and-hold", instruments = new[] { "AUTH" }, capital = 1000m });
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("is taken", body, StringComparison.Ordinal);
        Assert.DoesNotContain("alice", body, StringComparison.Ordinal);
        Assert.DoesNotContain("buy-and-hold", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lists_alerts_overview_and_portfolio_hold_only_the_callers_own_an_operator_sees_everyones()
    {
        await CreateStrategy(OwnersApiFactory.Alice, "auth-list-alice");
        await CreateStrategy(OwnersApiFactory.Bob, "auth-list-bob");

        async Task<string[]> Ids(string key, string url, Func<JsonElement, JsonElement> items)
        {
            using var http = factory.Client(key);
            using var response = await http.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return [.. items(await response.ReadJson()).EnumerateArray().Select(e => e.GetProperty("id").GetString()!)];
        }

        var bobs = await Ids(OwnersApiFactory.Bob, "/api/v1/strategies?pageSize=500", j => j.GetProperty("items"));
        Assert.Contains("auth-list-bob", bobs);
        Assert.DoesNotContain(bobs, id => id.StartsWith("auth-read", StringComparison.Ordinal) || id == "auth-list-alice");
        var overview = await Ids(OwnersApiFactory.Bob, "/api/v1/overview", j => j.GetProperty("strategies"));
        Assert.Equal(bobs.Order(), overview.Order());
        Assert.Empty(await Ids(OwnersApiFactory.Carol, "/api/v1/strategies", j => j.GetProperty("items")));
        var everyone = await Ids(OwnersApiFactory.Olga, "/api/v1/strategies?pageSize=500", j => j.GetProperty("items"));
        Assert.Contains("auth-list-alice", everyone);
        Assert.Contains("auth-list-bob", everyone);

        using var bob = factory.Client(OwnersApiFactory.Bob);
        var portfolio = await (await bob.GetAsync("/api/v1/portfolio")).ReadJson();
        Assert.Equal(bobs.Length, portfolio.GetProperty("strategies").GetInt32());
        var alerts = await (await bob.GetAsync("/api/v1/alerts")).ReadJson();
        Assert.All(alerts.EnumerateArray(), a => Assert.Contains(a.GetProperty("strategy").GetString(), bobs));
    }

    [Fact]
    public async Task Experiments_belong_to_their_owner_and_compare_only_the_owners_strategies()
    {
        await CreateStrategy(OwnersApiFactory.Alice, "auth-arm-a");
        await CreateStrategy(OwnersApiFactory.Alice, "auth-arm-b");
        await CreateStrategy(OwnersApiFactory.Bob, "auth-arm-c");
        using var alice = factory.Client(OwnersApiFactory.Alice);
        using var bob = factory.Client(OwnersApiFactory.Bob);
        using var olga = factory.Client(OwnersApiFactory.Olga);
        var created = await alice.PostJson("/api/v1/experiments", new { id = "auth-exp", name = "auth", control = "auth-arm-a", treatment = "auth-arm-b" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await bob.GetAsync("/api/v1/experiments/auth-exp")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.PostAsync("/api/v1/experiments/auth-exp/stop", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await olga.PostAsync("/api/v1/experiments/auth-exp/stop", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await olga.GetAsync("/api/v1/experiments/auth-exp")).StatusCode);
        var bobs = await (await bob.GetAsync("/api/v1/experiments")).ReadJson();
        Assert.DoesNotContain(bobs.GetProperty("items").EnumerateArray(), e => e.GetProperty("id").GetString() == "auth-exp");

        // Another owner's strategy as an arm is an unknown strategy; another owner's experiment id is taken.
        var foreignArm = await bob.PostJson("/api/v1/experiments", new { id = "auth-exp-bob", name = "auth", control = "auth-arm-c", treatment = "auth-arm-a" });
        Assert.Equal(HttpStatusCode.BadRequest, foreignArm.StatusCode);
        Assert.Contains("No strategy with id 'auth-arm-a'", await foreignArm.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var taken = await bob.PostJson("/api/v1/experiments", new { id = "auth-exp", name = "auth", control = "auth-arm-a", treatment = "auth-arm-b" });
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.DoesNotContain("auth-arm", await taken.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await alice.PostAsync("/api/v1/experiments/auth-exp/stop", null)).StatusCode);
    }

    [Fact]
    public async Task Operator_routes_need_the_operator_role()
    {
        using var alice = factory.Client(OwnersApiFactory.Alice);
        using var olga = factory.Client(OwnersApiFactory.Olga);
        var ticks = new { ticks = new[] { new { time = "2024-01-02T10:00:00Z", price = 10m, size = 1m } } };
        Assert.Equal(HttpStatusCode.Forbidden, (await alice.GetAsync("/api/v1/cluster")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await alice.PostJson("/api/v1/instruments/AUTHT/ticks", ticks)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await alice.PostJson("/api/v1/replays", new { dataset = "nope" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await alice.GetAsync("/dashboard/")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await olga.GetAsync("/api/v1/cluster")).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await olga.PostJson("/api/v1/instruments/AUTHT/ticks", ticks)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await olga.PostJson("/api/v1/replays", new { dataset = "nope" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await olga.GetAsync("/api/v1/portfolio/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await olga.PostJson("/api/v1/strategies", new { id = "olga-s", kind = "buy-and-hold", instruments = new[] { "AUTH" }, capital = 1000m })).StatusCode);
    }

    [Fact]
    public async Task Me_names_the_owner_and_roles()
    {
        using var carol = factory.Client(OwnersApiFactory.Carol);
        var me = await (await carol.GetAsync("/api/v1/auth/me")).ReadJson();
        Assert.Equal("carol", me.GetProperty("name").GetString());
        Assert.Equal(["viewer"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.False(me.GetProperty("demo").GetBoolean());
    }

    [Fact]
    public async Task A_signed_token_is_accepted_with_its_owner_and_role()
    {
        var id = await CreateStrategy(OwnersApiFactory.Alice, "auth-jwt");
        using var alice = factory.Bearer(OwnersApiFactory.Token("alice", ["trader"]));
        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync($"/api/v1/strategies/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await alice.PostAsync($"/api/v1/strategies/{id}/stop", null)).StatusCode);
        using var viewer = factory.Bearer(OwnersApiFactory.Token("alice", ["viewer"]));
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync($"/api/v1/strategies/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync($"/api/v1/strategies/{id}/start", null)).StatusCode);
        using var dave = factory.Bearer(OwnersApiFactory.Token("dave", ["trader"]));
        Assert.Equal(HttpStatusCode.NotFound, (await dave.GetAsync($"/api/v1/strategies/{id}")).StatusCode);
    }

    [Fact]
    public async Task An_expired_token_is_401_saying_so()
    {
        var past = DateTime.UtcNow.AddHours(-3);
        using var http = factory.Bearer(OwnersApiFactory.Token("alice", ["trader"], notBefore: past, expires: past.AddHours(1)));
        using var response = await http.GetAsync("/api/v1/strategies");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("expired", (await response.ReadJson()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("another-signing-key-0123456789-abcdefgh", "trading-robot-plug", "trader")]
    [InlineData(OwnersApiFactory.SigningKey, "someone-else", "trader")]
    [InlineData(OwnersApiFactory.SigningKey, "trading-robot-plug", null)]
    [InlineData(OwnersApiFactory.SigningKey, "trading-robot-plug", "admin")]
    public async Task A_token_with_a_wrong_signature_issuer_or_role_is_401(string key, string issuer, string? role)
    {
        using var http = factory.Bearer(OwnersApiFactory.Token("alice", role is null ? [] : [role], key, issuer: issuer));
        using var response = await http.GetAsync("/api/v1/strategies");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var garbage = factory.Bearer("not.a.token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await garbage.GetAsync("/api/v1/strategies")).StatusCode);
    }

    [Fact]
    public async Task A_key_is_exchanged_for_a_token_of_the_same_owner_and_role()
    {
        using var carol = factory.Client(OwnersApiFactory.Carol);
        var issued = await (await carol.PostAsync("/api/v1/auth/token", null)).ReadJson();
        using var bearer = factory.Bearer(issued.GetProperty("token").GetString()!);
        var me = await (await bearer.GetAsync("/api/v1/auth/me")).ReadJson();
        Assert.Equal("carol", me.GetProperty("name").GetString());
        Assert.Equal(["viewer"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }
}

/// <summary>Door 3 of issue 12: two legacy keys are two owners.</summary>
public sealed class TwoKeysTests(KeyedApiFactory factory) : IClassFixture<KeyedApiFactory>
{
    [Fact]
    public async Task The_second_key_cannot_see_stop_or_delete_the_first_keys_strategy()
    {
        using var first = factory.CreateClient();
        first.DefaultRequestHeaders.Add("X-Api-Key", KeyedApiFactory.Key);
        using var second = factory.CreateClient();
        second.DefaultRequestHeaders.Add("X-Api-Key", "other-key");
        Assert.Equal(HttpStatusCode.Created, (await first.PostJson("/api/v1/strategies", new { id = "two-keys", kind = "buy-and-hold", instruments = new[] { "KEY" }, capital = 10m })).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await second.DeleteAsync("/api/v1/strategies/two-keys")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await second.PostAsync("/api/v1/strategies/two-keys/stop", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await second.GetAsync("/api/v1/strategies/two-keys")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/api/v1/strategies/two-keys")).StatusCode);
        var me = await (await second.GetAsync("/api/v1/auth/me")).ReadJson();
        Assert.Equal("key-0", me.GetProperty("name").GetString());
    }
}

/// <summary>The embedded one-user demo: every caller is the owner demo with every role.</summary>
public sealed class DemoOwnerTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Without_configuration_every_caller_is_demo_with_every_role()
    {
        using var http = factory.CreateClient();
        var me = await (await http.GetAsync("/api/v1/auth/me")).ReadJson();
        Assert.Equal("demo", me.GetProperty("name").GetString());
        Assert.Equal(["viewer", "trader", "operator"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.True(me.GetProperty("demo").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/v1/cluster")).StatusCode);
    }
}

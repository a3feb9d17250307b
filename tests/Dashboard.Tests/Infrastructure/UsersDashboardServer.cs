namespace TradingRobotPlug.Dashboard.Tests.Infrastructure;

/// <summary>
/// A <see cref="DashboardServer"/> with users configured (so the one-user demo is off and every request needs a key):
/// alice and bob traders, carol a viewer. The seven demo strategies belong to the built-in demo owner, none of them.
/// </summary>
public sealed class UsersDashboardServer : DashboardServer
{
    /// <summary>alice's API key (role trader).</summary>
    public const string AliceKey = "alice-browser-key-0123";

    /// <summary>bob's API key (role trader).</summary>
    public const string BobKey = "bob-browser-key-4567";

    /// <summary>carol's API key (role viewer).</summary>
    public const string CarolKey = "carol-browser-key-89ab";

    /// <inheritdoc/>
    protected override IReadOnlyDictionary<string, string?> ExtraSettings { get; } = new Dictionary<string, string?>
    {
        ["Trading:Users:0:Name"] = "alice",
        ["Trading:Users:0:Role"] = "trader",
        ["Trading:Users:0:ApiKey"] = AliceKey,
        ["Trading:Users:1:Name"] = "bob",
        ["Trading:Users:1:Role"] = "trader",
        ["Trading:Users:1:ApiKey"] = BobKey,
        ["Trading:Users:2:Name"] = "carol",
        ["Trading:Users:2:Role"] = "viewer",
        ["Trading:Users:2:ApiKey"] = CarolKey,
    };

    /// <summary>A client of the server sending <paramref name="key"/> as <c>X-Api-Key</c>.</summary>
    public HttpClient Client(string key)
    {
        var http = new HttpClient { BaseAddress = BaseAddress };
        http.DefaultRequestHeaders.Add("X-Api-Key", key);
        return http;
    }
}

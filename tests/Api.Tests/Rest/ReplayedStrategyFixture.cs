using System.Net;
using TradingRobotPlug.Api.Replay;
using TradingRobotPlug.Api.Tests.Infrastructure;

namespace TradingRobotPlug.Api.Tests.Rest;

/// <summary>An API with two strategies created over REST on symbol <see cref="Symbol"/> and the bundled data set replayed through them.</summary>
public sealed class ReplayedStrategyFixture : ApiFactory, IAsyncLifetime
{
    public const string Symbol = "RST";
    public const string Fast = "rest-sma-5-20";
    public const string Hold = "rest-hold";

    public ReplayStatus Replay { get; private set; } = ReplayStatus.Idle;

    public async Task InitializeAsync()
    {
        using var http = CreateClient();
        var fast = await http.PostJson("/api/v1/strategies", new
        {
            id = Fast,
            kind = "sma-cross",
            parameters = new { fast = 5, slow = 20 },
            instruments = new[] { Symbol },
            timeframe = "1d",
            capital = 100_000m,
            feeBps = 1m,
            alerts = new { maxDrawdown = 0.05 },
        });
        Assert.Equal(HttpStatusCode.Created, fast.StatusCode);
        var hold = await http.PostJson("/api/v1/strategies", new { id = Hold, kind = "buy-and-hold", instruments = new[] { Symbol }, capital = 50_000m });
        Assert.Equal(HttpStatusCode.Created, hold.StatusCode);
        Replay = await RestClient.ReplayAndWait(this, http, Symbol, Fast, Hold);
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
}

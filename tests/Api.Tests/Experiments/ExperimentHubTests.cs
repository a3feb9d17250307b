using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TradingRobotPlug.Api.Realtime;
using TradingRobotPlug.Api.Tests.Infrastructure;
using TradingRobotPlug.Api.Tests.Realtime;
using Orleans;

namespace TradingRobotPlug.Api.Tests.Experiments;

/// <summary>The SignalR group <c>experiment:{id}</c>: join state, pushes on each change, refusals.</summary>
public sealed class ExperimentHubTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private IClusterClient Cluster => factory.Services.GetRequiredService<IClusterClient>();

    [Fact]
    public async Task Joining_an_experiment_group_sends_its_snapshot_then_pushes_every_change()
    {
        using var http = factory.CreateClient();
        foreach (var (id, fast, slow) in new[] { ("xh-c", 5, 20), ("xh-t", 3, 10) })
        {
            var created = await http.PostJson("/api/v1/strategies", new { id, kind = "sma-cross", parameters = new { fast, slow }, instruments = new[] { "XPH" }, capital = 10_000m });
            Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
        }

        Assert.Equal(System.Net.HttpStatusCode.Created, (await http.PostJson("/api/v1/experiments", new { id = "xh", name = "hub", control = "xh-c", treatment = "xh-t" })).StatusCode);
        await using var hub = await HubTestClient.ConnectAsync(factory.Server);
        await hub.InvokeAsync("Join", "Experiment:XH");
        // The join answers with the snapshot before returning; a push of the experiment's creation may follow at any time
        // (the notifier's flush is not ordered with the join), so the first event is the join's snapshot.
        var joined = hub.Events(ExperimentNotifier.Event);
        Assert.NotEmpty(joined);
        Assert.Equal("xh", Payload(joined[0]).GetProperty("id").GetString());
        Assert.Equal(0, Payload(joined[0]).GetProperty("result").GetProperty("days").GetInt32());

        var bars = ExperimentTestData.Bars("XPH", 40);
        await ExperimentTestData.Publish(Cluster, "XPH", bars);
        var events = await hub.WaitUntilAsync(
            e => e.Any(x => x.Target == ExperimentNotifier.Event && Payload(x).GetProperty("result").GetProperty("days").GetInt32() == 39),
            Timeout);
        var pushed = Payload(events.Last(x => x.Target == ExperimentNotifier.Event));
        var rest = await (await http.GetAsync("/api/v1/experiments/xh")).ReadJson();
        Assert.Equal(rest.GetProperty("result").GetRawText(), pushed.GetProperty("result").GetRawText());

        await http.PostAsync("/api/v1/experiments/xh/stop", null);
        await hub.WaitUntilAsync(e => e.Any(x => x.Target == ExperimentNotifier.Event && Payload(x).GetProperty("status").GetString() == "Stopped"), Timeout);
    }

    [Theory]
    [InlineData("experiment:no-such", "no experiment with id 'no-such'")]
    [InlineData("experiment:Bad Id!", "not a valid experiment id")]
    public async Task Unknown_experiment_groups_are_refused(string group, string expected)
    {
        await using var hub = await HubTestClient.ConnectAsync(factory.Server);
        var error = await Assert.ThrowsAsync<HubInvocationException>(() => hub.InvokeAsync("Join", group));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        await hub.InvokeAsync("Join", "overview");
        Assert.Null(hub.ClosedWith);
    }

    private static JsonElement Payload(HubEvent e) => e.Argument;
}

using System.Net;
using TradingRobotPlug.Api.Features.Market;
using TradingRobotPlug.Api.Tests.Infrastructure;

namespace TradingRobotPlug.Api.Tests.Rest;

/// <summary>POST ticks: acceptance and every rejection, with nothing half-applied.</summary>
public sealed class TicksApiTests(TicksApiFactory factory) : IClassFixture<TicksApiFactory>
{
    private static readonly DateTimeOffset T0 = new(2024, 3, 1, 14, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_valid_batch_is_accepted_and_counted()
    {
        using var http = factory.CreateClient();
        var response = await http.PostJson("/api/v1/instruments/TKA/ticks", new
        {
            timeframe = "1m",
            ticks = new object[]
            {
                new { time = T0, price = 100.5m, size = 10m },
                new { time = T0.AddSeconds(30), price = 101m, size = 5m, bid = 100.9m, ask = 101.1m },
                new { time = T0.AddSeconds(65), price = 99.75m, size = 1m },
            },
        });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(3, (await response.Read<TicksAccepted>()).Accepted);

        var instrument = await (await http.GetAsync("/api/v1/instruments/TKA")).Read<InstrumentSummary>();
        Assert.Equal(3, instrument.Ticks);
        Assert.Equal(99.75m, instrument.LastPrice);
        Assert.Equal(T0.AddSeconds(65), instrument.LastTime);
        Assert.Equal(1, instrument.Bars);
    }

    [Fact]
    public async Task A_batch_repeated_with_its_sequence_is_accepted_once_and_a_gap_is_a_400()
    {
        using var http = factory.CreateClient();
        var batch = new
        {
            sequence = 0L,
            ticks = new object[] { new { time = T0, price = 100m }, new { time = T0.AddSeconds(30), price = 101m } },
        };
        Assert.Equal(HttpStatusCode.Accepted, (await http.PostJson("/api/v1/instruments/TKS/ticks", batch)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await http.PostJson("/api/v1/instruments/TKS/ticks", batch)).StatusCode); // a feed's retry
        Assert.Equal(2, (await (await http.GetAsync("/api/v1/instruments/TKS")).Read<InstrumentSummary>()).Ticks);

        var gap = await http.PostJson("/api/v1/instruments/TKS/ticks", new { sequence = 5L, ticks = new[] { new { time = T0.AddSeconds(40), price = 102m } } });
        Assert.Equal(HttpStatusCode.BadRequest, gap.StatusCode);
        Assert.NotEmpty((await gap.ReadJson()).FieldErrors("sequence"));
        var negative = await http.PostJson("/api/v1/instruments/TKS/ticks", new { sequence = -1L, ticks = new[] { new { time = T0.AddSeconds(40), price = 102m } } });
        Assert.NotEmpty((await negative.ReadJson()).FieldErrors("sequence"));
        Assert.Equal(2, (await (await http.GetAsync("/api/v1/instruments/TKS")).Read<InstrumentSummary>()).Ticks);
    }

    [Theory]
    [InlineData("""{"ticks":[{"time":"2024-03-01T14:30:00Z","price":100},{"time":"2024-03-01T14:30:01Z","price":-1}]}""", "ticks[1].price")]
    [InlineData("""{"ticks":[{"time":"2024-03-01T14:30:00Z","price":100},{"time":"2024-03-01T14:30:01Z","price":0}]}""", "ticks[1].price")]
    [InlineData("""{"ticks":[{"time":"2024-03-01T14:30:00Z","price":"NaN"}]}""", "ticks[0].price")]
    [InlineData("""{"ticks":[{"time":"2024-03-01T14:30:00Z","price":"Infinity"}]}""", "ticks[0].price")]
    [InlineData("""{"ticks":[{"time":"2024-03-01T14:30:00Z","price":"100"}]}""", "ticks[0].price")]
    [InlineData("""{"ticks":[{"time":"2024-03-01T14:30:00Z","price":100},{"time":"2024-03-01T14:29:00Z","price":100}]}""", "ticks[1].time")]
    [InlineData("""{"ticks":[{"time":"2024-03-01T14:30:00Z","price":100,"bid":101,"ask":100}]}""", "ticks[0].bid")]
    [InlineData("""{"ticks":[{"time":"2024-03-01T14:30:00Z","price":100,"size":-1}]}""", "ticks[0].size")]
    [InlineData("""{"ticks":[{"price":100}]}""", "ticks[0].time")]
    [InlineData("""{"timeframe":"2m","ticks":[]}""", "timeframe")]
    [InlineData("""{"ticks":[{"time":"2024-03-01T14:30:00Z","price":100}""", "ticks")]
    public async Task A_bad_tick_rejects_the_whole_batch_naming_the_field(string body, string field)
    {
        using var http = factory.CreateClient();
        var symbol = "TKB" + Math.Abs(body.GetHashCode() % 1000);
        var response = await http.PostRaw($"/api/v1/instruments/{symbol}/ticks", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.ReadJson();
        Assert.True(problem.FieldErrors(field).Length > 0 || problem.GetProperty("errors").EnumerateObject().Any(e => e.Name.StartsWith(field, StringComparison.Ordinal)), problem.ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/api/v1/instruments/{symbol}")).StatusCode);
    }

    [Fact]
    public async Task A_tick_more_than_five_minutes_in_the_future_is_rejected_with_its_index()
    {
        using var http = factory.CreateClient();
        var now = DateTimeOffset.UtcNow;
        var response = await http.PostJson("/api/v1/instruments/TKF/ticks", new
        {
            ticks = new object[] { new { time = now.AddMinutes(-1), price = 10m }, new { time = now.AddMinutes(10), price = 10m } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotEmpty((await response.ReadJson()).FieldErrors("ticks[1].time"));
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/v1/instruments/TKF")).StatusCode);
    }

    [Fact]
    public async Task An_oversize_batch_gets_413()
    {
        using var http = factory.CreateClient();
        var ticks = Enumerable.Range(0, 6).Select(i => new { time = T0.AddSeconds(i), price = 10m }).ToArray();
        var response = await http.PostJson("/api/v1/instruments/TKO/ticks", new { ticks });
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(413, (await response.ReadJson()).GetProperty("status").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/v1/instruments/TKO")).StatusCode);
    }

    [Fact]
    public async Task A_tick_before_the_instruments_last_one_is_rejected_by_the_grain_without_applying_any()
    {
        using var http = factory.CreateClient();
        Assert.Equal(HttpStatusCode.Accepted, (await http.PostJson("/api/v1/instruments/TKG/ticks", new { ticks = new[] { new { time = T0, price = 10m } } })).StatusCode);
        var response = await http.PostJson("/api/v1/instruments/TKG/ticks", new
        {
            ticks = new[] { new { time = T0.AddSeconds(1), price = 11m }, new { time = T0.AddSeconds(-1), price = 12m } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var late = await http.PostJson("/api/v1/instruments/TKG/ticks", new { ticks = new[] { new { time = T0.AddSeconds(-5), price = 12m } } });
        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        var instrument = await (await http.GetAsync("/api/v1/instruments/TKG")).Read<InstrumentSummary>();
        Assert.Equal(1, instrument.Ticks);
        Assert.Equal(10m, instrument.LastPrice);
    }
}

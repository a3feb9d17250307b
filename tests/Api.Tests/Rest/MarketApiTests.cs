using System.Net;
using System.Text.Json;
using TradingRobotPlug.Api.Features.Market;
using TradingRobotPlug.Api.Tests.Infrastructure;
using TradingRobotPlug.GrainInterfaces.Market;

namespace TradingRobotPlug.Api.Tests.Rest;

/// <summary>Instrument, bar and indicator endpoints after a full replay.</summary>
public sealed class MarketApiTests(ReplayedStrategyFixture fixture) : IClassFixture<ReplayedStrategyFixture>
{
    private const string Base = "/api/v1/instruments/" + ReplayedStrategyFixture.Symbol;

    [Fact]
    public async Task Instruments_list_the_replayed_symbol_with_its_last_bar()
    {
        using var http = fixture.CreateClient();
        var list = await (await http.GetAsync("/api/v1/instruments")).Read<List<InstrumentSummary>>();
        var rst = Assert.Single(list, i => i.Symbol == ReplayedStrategyFixture.Symbol);
        var one = await (await http.GetAsync(Base)).Read<InstrumentSummary>();
        var lastBar = Assert.Single(await (await http.GetAsync(Base + "/bars?limit=1")).Read<List<Bar>>());

        Assert.Equal(rst, one);
        Assert.Equal(fixture.Replay.TotalBars, one.Bars);
        Assert.Equal(lastBar.Close, one.LastPrice);
        Assert.Equal(lastBar.CloseTime, one.LastTime);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/v1/instruments/NEVERSEEN")).StatusCode);
    }

    [Fact]
    public async Task Bars_are_filtered_by_time_and_limited_to_the_latest()
    {
        using var http = fixture.CreateClient();
        var all = await (await http.GetAsync(Base + "/bars?timeframe=1d&limit=10000")).Read<List<Bar>>();
        Assert.Equal(fixture.Replay.TotalBars, all.Count);
        var last10 = await (await http.GetAsync(Base + "/bars?limit=10")).Read<List<Bar>>();
        Assert.Equal(all[^10..], last10);
        var year = await (await http.GetAsync(Base + "/bars?from=2008-01-01T00:00:00Z&to=2009-01-01T00:00:00Z")).Read<List<Bar>>();
        Assert.Equal(all.Where(b => b.OpenTime.Year == 2008), year);

        var bad = await http.GetAsync(Base + "/bars?timeframe=2d&limit=0");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.ReadJson();
        Assert.NotEmpty(problem.FieldErrors("timeframe"));
        Assert.NotEmpty(problem.FieldErrors("limit"));
    }

    [Fact]
    public async Task Indicators_match_an_independent_computation()
    {
        using var http = fixture.CreateClient();
        var all = await (await http.GetAsync(Base + "/bars?limit=10000")).Read<List<Bar>>();
        var series = await (await http.GetAsync(Base + "/indicators?set=sma:3,bbands:20:2&limit=50")).Read<IndicatorSeries>();

        Assert.Equal(["sma_3", "bb_lower", "bb_middle", "bb_upper"], series.Columns);
        Assert.Equal(50, series.Rows.Count);
        Assert.Equal(all[^50..].Select(b => b.OpenTime), series.Rows.Select(r => r.Time));
        for (int i = 0; i < 50; i++)
        {
            int at = all.Count - 50 + i;
            double sma3 = (double)(all[at].Close + all[at - 1].Close + all[at - 2].Close) / 3;
            double sma20 = all.Skip(at - 19).Take(20).Average(b => (double)b.Close);
            Assert.Equal(sma3, series.Rows[i].Values[0]!.Value, 6);
            Assert.Equal(sma20, series.Rows[i].Values[2]!.Value, 6);
        }

        var warm = await (await http.GetAsync(Base + "/indicators?set=sma:3&to=2000-01-06T00:00:00Z")).Read<IndicatorSeries>();
        Assert.Equal([null, null, (double)(all[0].Close + all[1].Close + all[2].Close) / 3], warm.Rows.Select(r => r.Values[0]).ToArray(), new ToleranceComparer());

        var bad = await http.GetAsync(Base + "/indicators?set=sma:0,foo:1");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("foo", Assert.Single((await bad.ReadJson()).FieldErrors("set")), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/v1/instruments/NEVERSEEN/indicators?set=sma:3")).StatusCode);
    }

    [Fact]
    public async Task Datasets_list_the_bundled_file()
    {
        using var http = fixture.CreateClient();
        var sets = await (await http.GetAsync("/api/v1/datasets")).Read<List<string>>();
        Assert.Contains("sp500-daily-2000-2020", sets);
    }

    private sealed class ToleranceComparer : IEqualityComparer<double?>
    {
        public bool Equals(double? x, double? y) => x is null ? y is null : y is not null && Math.Abs(x.Value - y.Value) < 1e-6;

        public int GetHashCode(double? obj) => 0;
    }

    [Fact]
    public async Task Indicator_requests_are_bounded_and_a_window_equals_the_same_rows_of_the_whole_history()
    {
        using var http = fixture.CreateClient();
        var many = string.Join(',', Enumerable.Range(2, MarketApi.MaxIndicatorsPerRequest + 1).Select(p => $"sma:{p}"));
        var tooMany = await http.GetAsync(Base + $"/indicators?set={many}");
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Equal("at most 16 indicators per request (was 17).", Assert.Single((await tooMany.ReadJson()).FieldErrors("set")));

        var tooLong = await http.GetAsync(Base + "/indicators?set=sma:3,ema:10001");
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.StartsWith("'ema:10001': 10001 is above 10000", Assert.Single((await tooLong.ReadJson()).FieldErrors("set")), StringComparison.Ordinal);

        // A window in the middle: the same values as those rows of a request over the whole history (warm-up included).
        const string set = "ema:50,rsi:14,macd:12:26:9";
        var whole = await (await http.GetAsync(Base + $"/indicators?set={set}&limit=10000")).Read<IndicatorSeries>();
        var from = whole.Rows[whole.Rows.Count / 2].Time;
        var to = whole.Rows[(whole.Rows.Count / 2) + 40].Time;
        var window = await (await http.GetAsync(Base + $"/indicators?set={set}&from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(to.ToString("O"))}&limit=25")).Read<IndicatorSeries>();
        var expected = whole.Rows.Where(r => r.Time >= from && r.Time < to).TakeLast(25).ToList();
        Assert.Equal(25, window.Rows.Count);
        Assert.Equal(expected.Select(r => r.Time), window.Rows.Select(r => r.Time));
        Assert.Equal(expected.SelectMany(r => r.Values), window.Rows.SelectMany(r => r.Values));
    }
}

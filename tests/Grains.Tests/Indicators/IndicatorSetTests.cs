using TradingRobotPlug.GrainInterfaces.Market;
using TradingRobotPlug.Grains.Indicators;

namespace TradingRobotPlug.Grains.Tests.Indicators;

public sealed class IndicatorSetTests
{
    private static readonly DateTimeOffset Start = new(2024, 3, 1, 14, 30, 0, TimeSpan.Zero);

    [Fact]
    public void Full_spec_gives_the_agreed_column_names_in_order()
    {
        var set = IndicatorSet.Parse("sma:20,ema:20,wma:20,rsi:14,macd:12:26:9,bbands:20:2,atr:14,stoch:14:3,roc:10,donchian:20,vwap,stdev:20");
        string[] expected =
        [
            "sma_20", "ema_20", "wma_20", "rsi_14", "macd", "macd_signal", "macd_hist", "bb_lower", "bb_middle", "bb_upper",
            "atr_14", "stoch_k", "stoch_d", "roc_10", "donchian_high_20", "donchian_low_20", "vwap", "stdev_20",
        ];
        Assert.Equal(expected, set.ColumnNames);
        Assert.Equal(26 + 9 - 1, set.WarmUpBars);
        Assert.Equal("sma:20,ema:20,wma:20,rsi:14,macd:12:26:9,bbands:20:2,atr:14,stoch:14:3,roc:10,donchian:20,vwap,stdev:20", set.Spec);
    }

    [Fact]
    public void Spec_is_canonicalised()
    {
        var set = IndicatorSet.Parse(" SMA : 20 , BBands:20:2.0 ,vwap");
        Assert.Equal("sma:20,bbands:20:2,vwap", set.Spec);
        Assert.Equal(["sma_20", "bb_lower", "bb_middle", "bb_upper", "vwap"], set.ColumnNames);
        Assert.Equal("bbands:20:2.5", IndicatorSet.Parse("bbands:20:2.5").Spec);
    }

    [Theory]
    [InlineData("foo:3", "'foo:3'", "unknown indicator 'foo'")]
    [InlineData("sma", "'sma'", "expects 1 parameter (period), got 0")]
    [InlineData("sma:20:30", "'sma:20:30'", "expects 1 parameter (period), got 2")]
    [InlineData("vwap:5", "'vwap:5'", "expects no parameters, got 1")]
    [InlineData("macd:12:26", "'macd:12:26'", "expects 3 parameters (fast:slow:signal), got 2")]
    [InlineData("ema:0", "'ema:0'", "period must be a positive period (got 0)")]
    [InlineData("rsi:-14", "'rsi:-14'", "period must be a positive period (got -14)")]
    [InlineData("sma:abc", "'sma:abc'", "period 'abc' is not an integer")]
    [InlineData("sma:2.5", "'sma:2.5'", "period '2.5' is not an integer")]
    [InlineData("sma:100001", "'sma:100001'", "exceeds the maximum period 100000")]
    [InlineData("macd:26:12:9", "'macd:26:12:9'", "fast period (26) must be less than slow period (12)")]
    [InlineData("macd:12:12:9", "'macd:12:12:9'", "fast period (12) must be less than slow period (12)")]
    [InlineData("bbands:20:0", "'bbands:20:0'", "k must be positive (got 0)")]
    [InlineData("bbands:20:x", "'bbands:20:x'", "k 'x' is not a number")]
    [InlineData("stoch:14:0", "'stoch:14:0'", "d must be a positive period (got 0)")]
    [InlineData("sma:20,sma:20", "item 2 'sma:20'", "column 'sma_20' is already produced by 'sma:20'")]
    [InlineData("macd:12:26:9,macd:5:35:5", "item 2 'macd:5:35:5'", "column 'macd' is already produced by 'macd:12:26:9'")]
    [InlineData("sma:20,,ema:5", "item 2 is empty", "")]
    public void Bad_items_are_named_in_the_error(string spec, string item, string problem)
    {
        var error = Assert.Throws<ArgumentException>(() => IndicatorSet.Parse(spec));
        Assert.Equal("spec", error.ParamName);
        Assert.Contains(item, error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_bad_item_is_reported_at_once()
    {
        var error = Assert.Throws<ArgumentException>(() => IndicatorSet.Parse("sma:20,foo,ema:0,macd:26:12:9,rsi:14"));
        Assert.Contains("item 2 'foo'", error.Message, StringComparison.Ordinal);
        Assert.Contains("item 3 'ema:0'", error.Message, StringComparison.Ordinal);
        Assert.Contains("item 4 'macd:26:12:9'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("'sma:20'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("'rsi:14'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_or_null_spec_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => IndicatorSet.Parse("  "));
        Assert.Throws<ArgumentNullException>(() => IndicatorSet.Parse(null!));
    }

    [Fact]
    public void Values_follow_the_indicators_and_can_be_read_by_name_or_index()
    {
        var set = IndicatorSet.Parse("sma:2,roc:1,vwap");
        Assert.All(set.GetValues(), v => Assert.Null(v));
        set.Update(Start, 10, 11, 9, 10, 100);
        Assert.Equal([null, null, 10.0], set.GetValues());
        Assert.False(set.IsReady);
        set.Update(Start.AddMinutes(1), 10, 13, 11, 12, 100);
        Assert.Equal([11.0, 0.2, 11.0], set.GetValues().Select(v => v.HasValue ? Math.Round(v.Value, 12) : (double?)null));
        Assert.True(set.IsReady);
        Assert.Equal(11.0, set["sma_2"]);
        Assert.Equal(set[1], set["roc_1"]);
        Assert.Equal(2, set.IndexOf("vwap"));
        Assert.Equal(-1, set.IndexOf("sma_3"));
        Assert.Throws<KeyNotFoundException>(() => set["sma_3"]);
        var buffer = new double?[3];
        set.CopyValuesTo(buffer);
        Assert.Equal(set.GetValues(), buffer);
        Assert.Equal(2, set.Count);
        Assert.Equal(Start.AddMinutes(1), set.LastTime);
    }

    [Fact]
    public void Update_from_a_bar_converts_decimal_prices()
    {
        var set = IndicatorSet.Parse("sma:1,vwap");
        var bar = Bar.Create(InstrumentId.Parse("SPX"), Timeframe.OneMinute, Start, 100.25m, 101.5m, 99.75m, 100.5m, 1000m);
        set.Update(bar);
        Assert.Equal(100.5, set["sma_1"]);
        Assert.Equal((101.5 + 99.75 + 100.5) / 3, set["vwap"]!.Value, 1e-12);
        Assert.Throws<ArgumentNullException>(() => set.Update(null!));
    }

    [Fact]
    public void Rejected_bars_change_nothing()
    {
        var set = IndicatorSet.Parse("sma:2,roc:1,atr:1");
        set.Update(Start, 10, 11, 9, 10, 100);
        var before = set.GetValues();
        Assert.Throws<ArgumentException>(() => set.Update(Start, 10, 11, 9, 10, 100));               // same time
        Assert.Throws<ArgumentException>(() => set.Update(Start.AddMinutes(-1), 10, 11, 9, 10, 100)); // earlier
        Assert.Throws<ArgumentException>(() => set.Update(Start.AddMinutes(1), 10, 9, 11, 10, 100));  // high < low
        Assert.Throws<ArgumentOutOfRangeException>(() => set.Update(Start.AddMinutes(1), 10, 11, 9, 0, 100));
        Assert.Throws<ArgumentOutOfRangeException>(() => set.Update(Start.AddMinutes(1), 10, 11, 9, double.NaN, 100));
        Assert.Throws<ArgumentOutOfRangeException>(() => set.Update(Start.AddMinutes(1), 10, 11, 9, 10, -5));
        Assert.Equal(1, set.Count);
        Assert.Equal(before, set.GetValues());
        set.Update(Start.AddMinutes(1), 10, 13, 11, 12, 100);
        Assert.Equal(11, set["sma_2"]);
        Assert.Equal(3, set["atr_1"]);
    }
}

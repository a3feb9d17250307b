using System.Text.Json;
using TradingRobotPlug.GrainInterfaces.Market;
using TradingRobotPlug.GrainInterfaces.Trading;

namespace TradingRobotPlug.Grains.Tests.Trading;

public sealed class IdTests
{
    [Theory]
    [InlineData("sma-cross", "sma-cross")]
    [InlineData("a", "a")]
    [InlineData("0", "0")]
    [InlineData("abc_1.2-x", "abc_1.2-x")]
    [InlineData("Momentum-1", "momentum-1")]
    [InlineData("SMA", "sma")]
    public void StrategyId_parses_valid_text_to_canonical_lower_case(string text, string canonical)
    {
        var id = StrategyId.Parse(text);
        Assert.Equal(canonical, id.Value);
        Assert.Equal(canonical, id.ToString());
        Assert.Equal(id, StrategyId.Parse(id.ToString()));
    }

    [Fact]
    public void StrategyId_accepts_64_characters_and_rejects_65()
    {
        Assert.True(StrategyId.TryParse(new string('a', 64), out _));
        Assert.False(StrategyId.TryParse(new string('a', 65), out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("-abc")]
    [InlineData("_abc")]
    [InlineData(".abc")]
    [InlineData("a b")]
    [InlineData("a:b")]
    [InlineData("a/b")]
    [InlineData("café")]
    [InlineData("  momentum-1 ")]
    [InlineData("\u212Aelvin")]
    public void StrategyId_rejects_invalid_text(string? text)
    {
        Assert.False(StrategyId.TryParse(text, out var id));
        Assert.True(id.IsDefault);
    }

    [Fact]
    public void StrategyId_parse_error_quotes_the_text_and_the_bad_character()
    {
        var ex = Assert.Throws<FormatException>(() => StrategyId.Parse("bad id"));
        Assert.Contains("'bad id'", ex.Message);
        Assert.Contains("' '", ex.Message);
    }

    [Fact]
    public void PositionId_parses_and_canonicalises_both_parts()
    {
        var id = PositionId.Parse("SMA-Cross:spx");
        Assert.Equal(StrategyId.Parse("sma-cross"), id.Strategy);
        Assert.Equal(InstrumentId.Parse("SPX"), id.Instrument);
        Assert.Equal("sma-cross:SPX", id.ToString());
        Assert.Equal(id, new PositionId(StrategyId.Parse("sma-cross"), InstrumentId.Parse("SPX")));
        Assert.Equal(id, PositionId.Parse(id.ToString()));
    }

    [Theory]
    [InlineData("sma")]
    [InlineData("sma:SPX:x")]
    [InlineData(":SPX")]
    [InlineData("sma:")]
    [InlineData("s m:SPX")]
    [InlineData("sma:S P")]
    [InlineData("")]
    public void PositionId_rejects_invalid_text(string text)
    {
        Assert.False(PositionId.TryParse(text, out _));
        var ex = Assert.Throws<FormatException>(() => PositionId.Parse(text));
        Assert.Contains(text == string.Empty ? "empty" : $"'{text}'", ex.Message);
    }

    [Fact]
    public void PositionId_constructor_rejects_default_parts()
    {
        Assert.Throws<ArgumentException>(() => new PositionId(default, InstrumentId.Parse("SPX")));
        Assert.Throws<ArgumentException>(() => new PositionId(StrategyId.Parse("a"), default));
    }

    [Theory]
    [InlineData("abc-o1")]
    [InlineData("A.b_c:1-2")]
    [InlineData("0")]
    public void OrderId_and_TradeId_accept_opaque_case_sensitive_text(string text)
    {
        Assert.Equal(text, OrderId.Parse(text).Value);
        Assert.Equal(text, TradeId.Parse(text).Value);
        Assert.NotEqual(OrderId.Parse("abc"), OrderId.Parse("ABC"));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" a")]
    [InlineData("a ")]
    [InlineData("a b")]
    [InlineData("-a")]
    [InlineData("a/b")]
    [InlineData("a#1")]
    public void OrderId_and_TradeId_reject_invalid_text(string text)
    {
        Assert.False(OrderId.TryParse(text, out _));
        Assert.False(TradeId.TryParse(text, out _));
        Assert.Throws<FormatException>(() => OrderId.Parse(text));
        Assert.Throws<FormatException>(() => TradeId.Parse(text));
    }

    [Fact]
    public void OrderId_length_limit_is_96_and_TradeId_128()
    {
        Assert.True(OrderId.TryParse(new string('x', 96), out _));
        Assert.False(OrderId.TryParse(new string('x', 97), out _));
        Assert.True(TradeId.TryParse(new string('x', 128), out _));
        Assert.False(TradeId.TryParse(new string('x', 129), out _));
    }

    [Fact]
    public void Deterministic_order_and_trade_ids()
    {
        var order = OrderId.Create(StrategyId.Parse("sma-cross"), 17);
        Assert.Equal("sma-cross-o17", order.Value);
        Assert.Equal("sma-cross-o17-f1", TradeId.ForFill(order, 1).Value);
        Assert.Throws<ArgumentOutOfRangeException>(() => OrderId.Create(StrategyId.Parse("a"), -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => TradeId.ForFill(order, 0));
        Assert.Throws<ArgumentException>(() => OrderId.Create(default, 1));
    }

    [Fact]
    public void Longest_generated_ids_fit_their_limits()
    {
        var order = OrderId.Create(StrategyId.Parse(new string('s', 64)), long.MaxValue);
        Assert.True(order.Value.Length <= OrderId.MaxLength);
        Assert.True(TradeId.ForFill(order, int.MaxValue).Value.Length <= TradeId.MaxLength);
    }

    [Fact]
    public void Ids_serialize_as_strings_and_as_dictionary_keys()
    {
        var strategy = StrategyId.Parse("sma");
        var position = PositionId.Parse("sma:SPX");
        var json = JsonSerializer.Serialize(new Dictionary<PositionId, StrategyId> { [position] = strategy });
        Assert.Equal("{\"sma:SPX\":\"sma\"}", json);
        var back = JsonSerializer.Deserialize<Dictionary<PositionId, StrategyId>>(json)!;
        Assert.Equal(strategy, back[position]);

        Assert.Equal("\"o-1\"", JsonSerializer.Serialize(OrderId.Parse("o-1")));
        Assert.Equal(TradeId.Parse("t.1"), JsonSerializer.Deserialize<TradeId>("\"t.1\""));
        Assert.Equal("{\"SPX\":1}", JsonSerializer.Serialize(new Dictionary<InstrumentId, int> { [InstrumentId.Parse("spx")] = 1 }));
    }

    [Fact]
    public void Invalid_id_in_json_is_a_json_exception_saying_why()
    {
        var ex = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<StrategyId>("\"bad id\""));
        Assert.Contains("'bad id'", ex.Message);
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<PositionId>("42"));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<InstrumentId>("\"a b\""));
    }
}

using TradingRobotPlug.GrainInterfaces.Market;
using TradingRobotPlug.Grains.Strategies;

namespace TradingRobotPlug.Grains.Tests.Strategies;

public sealed class StrategyRegistryTests
{
    private static readonly StrategyRegistry Registry = StrategyRegistry.Default;

    [Fact]
    public void Default_registry_holds_every_built_in_kind()
    {
        Assert.Equal(
            ["bollinger-reversion", "buy-and-hold", "donchian-breakout", "ema-cross", "macd-cross", "rsi-reversion", "sma-cross"],
            Registry.Definitions.Select(d => d.Kind));
    }

    [Theory]
    [InlineData("sma-cross", "sma-cross:fast=50,short=false,slow=200", 200)]
    [InlineData("ema-cross", "ema-cross:fast=12,short=false,slow=26", 26)]
    [InlineData("rsi-reversion", "rsi-reversion:lower=30,period=14,upper=70", 15)]
    [InlineData("macd-cross", "macd-cross:fast=12,short=false,signal=9,slow=26", 34)]
    [InlineData("bollinger-reversion", "bollinger-reversion:k=2,period=20", 20)]
    [InlineData("donchian-breakout", "donchian-breakout:entry=20,exit=10", 21)]
    [InlineData("buy-and-hold", "buy-and-hold", 1)]
    public void Omitted_parameters_take_their_defaults(string spec, string normalized, int warmUpBars)
    {
        Assert.Equal(normalized, Registry.Validate(spec).ToString());
        var strategy = Registry.Create(spec);
        Assert.Equal(normalized, strategy.Spec.ToString());
        Assert.Equal(warmUpBars, strategy.WarmUpBars);
        Assert.Equal(TargetPosition.Flat, strategy.Target);
    }

    [Fact]
    public void Values_are_normalized_to_canonical_text()
    {
        Assert.Equal("bollinger-reversion:k=2.5,period=20", Registry.Validate("bollinger-reversion:k=2.50,period=020").ToString());
        Assert.Equal("sma-cross:fast=5,short=true,slow=20", Registry.Validate("SMA-CROSS: short=TRUE, slow=20, fast=5").ToString());
        Assert.Equal("rsi-reversion:lower=25.5,period=14,upper=80", Registry.Validate(StrategySpec.Parse("rsi-reversion:lower=25.5,upper=8e1")).ToString());
    }

    [Fact]
    public void Typed_constructors_match_the_registry()
    {
        Assert.Equal(Registry.Create("sma-cross").Spec, new SmaCrossStrategy().Spec);
        Assert.Equal(Registry.Create("ema-cross:fast=5,slow=9,short=true").Spec, new EmaCrossStrategy(5, 9, allowShort: true).Spec);
        Assert.Equal(Registry.Create("macd-cross").Spec, new MacdCrossStrategy().Spec);
        Assert.Equal(Registry.Create("rsi-reversion:lower=20").Spec, new RsiReversionStrategy(lower: 20).Spec);
        Assert.Equal(Registry.Create("bollinger-reversion:k=1.5").Spec, new BollingerReversionStrategy(k: 1.5).Spec);
        Assert.Equal(Registry.Create("donchian-breakout:entry=55,exit=20").Spec, new DonchianBreakoutStrategy(55, 20).Spec);
        Assert.Equal(Registry.Create("buy-and-hold").Spec, new BuyAndHoldStrategy().Spec);
        Assert.IsType<SmaCrossStrategy>(Registry.Create("sma-cross"));
        Assert.IsType<DonchianBreakoutStrategy>(Registry.Create(StrategySpec.Parse("donchian-breakout")));

        var error = Assert.Throws<StrategySpecException>(() => new SmaCrossStrategy(200, 50));
        Assert.Equal(["fast (200) must be less than slow (50)"], error.Errors);
        Assert.Throws<StrategySpecException>(() => new RsiReversionStrategy(period: 0));
    }

    [Theory]
    [InlineData("nope:x=1", "unknown strategy kind 'nope' (known: bollinger-reversion, buy-and-hold, donchian-breakout, ema-cross, macd-cross, rsi-reversion, sma-cross)")]
    [InlineData("sma-cross:fast=300,slow=200", "fast (300) must be less than slow (200)")]
    [InlineData("sma-cross:fast=200", "fast (200) must be less than slow (200)")]
    [InlineData("ema-cross:fast=26,slow=12", "fast (26) must be less than slow (12)")]
    [InlineData("macd-cross:fast=30", "fast (30) must be less than slow (26)")]
    [InlineData("rsi-reversion:lower=80,upper=20", "lower (80) must be less than upper (20)")]
    [InlineData("rsi-reversion:lower=50,upper=50", "lower (50) must be less than upper (50)")]
    [InlineData("bollinger-reversion:k=0", "parameter 'k': 0 is out of range [0.1, 10]")]
    [InlineData("bollinger-reversion:period=0", "parameter 'period': 0 is out of range [1, 10000]")]
    [InlineData("donchian-breakout:entry=10001", "parameter 'entry': 10001 is out of range [1, 10000]")]
    [InlineData("ema-cross:fast=12.5", "parameter 'fast': '12.5' is not an integer")]
    [InlineData("rsi-reversion:lower=low", "parameter 'lower': 'low' is not a number")]
    [InlineData("rsi-reversion:upper=NaN", "parameter 'upper': 'NaN' is not a number")]
    [InlineData("sma-cross:short=yes", "parameter 'short': 'yes' is not true or false")]
    [InlineData("rsi-reversion:short=true", "unknown parameter 'short' for 'rsi-reversion' (known: period, lower, upper)")]
    [InlineData("buy-and-hold:x=1", "unknown parameter 'x' for 'buy-and-hold' (it takes no parameters)")]
    public void Each_kind_of_problem_is_reported(string spec, string expectedError)
    {
        var error = Assert.Throws<StrategySpecException>(() => Registry.Create(spec));
        Assert.Equal([expectedError], error.Errors);
        Assert.Equal([expectedError], Registry.GetErrors(spec));
        Assert.Throws<StrategySpecException>(() => Registry.Validate(spec));
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var error = Assert.Throws<StrategySpecException>(() => Registry.Validate("sma-cross:fast=abc,slow=0,foo=1,short=maybe"));
        Assert.Equal(
            [
                "unknown parameter 'foo' for 'sma-cross' (known: fast, slow, short)",
                "parameter 'fast': 'abc' is not an integer",
                "parameter 'slow': 0 is out of range [1, 10000]",
                "parameter 'short': 'maybe' is not true or false",
            ],
            error.Errors);

        // A rule still runs when only unrelated parameters are bad.
        Assert.Equal(
            ["parameter 'signal': 0 is out of range [1, 10000]", "fast (26) must be less than slow (12)"],
            Registry.GetErrors("macd-cross:fast=26,slow=12,signal=0"));
        Assert.Equal(
            ["parameter 'period': -3 is out of range [1, 10000]", "lower (90) must be less than upper (10)"],
            Registry.GetErrors("rsi-reversion:period=-3,lower=90,upper=10"));
    }

    [Fact]
    public void Syntax_and_value_problems_are_reported_together()
    {
        // 'fast' has no value; the rule fast < slow is skipped rather than judged against the default.
        Assert.Equal(
            [
                "parameter 'fast' has no value (expected name=value)",
                "unknown parameter 'bar' for 'sma-cross' (known: fast, slow, short)",
                "parameter 'slow': 'x' is not an integer",
            ],
            Registry.GetErrors("sma-cross:fast,slow=x,bar=1"));
        Assert.Equal(["parameter 'slow' has no value (expected name=value)"], Registry.GetErrors("sma-cross:fast=300,slow"));
        Assert.Equal(["strategy kind 'bad kind' is not valid (expected lower-case letters, digits and '-', starting with a letter)", "parameter 3 is empty"], Registry.GetErrors("bad kind:a=1,b=2,"));
        Assert.Empty(Registry.GetErrors("sma-cross:fast=10,slow=20"));
    }

    [Fact]
    public void Discover_finds_a_new_kind_without_touching_the_registry()
    {
        var registry = StrategyRegistry.Discover(typeof(StrategyRegistry).Assembly, typeof(AlwaysShortTestStrategy).Assembly);
        Assert.True(registry.TryGetDefinition("always-short-test", out var definition));
        Assert.Equal("always-short-test:bars=3", registry.Validate("always-short-test").ToString());
        var strategy = registry.Create("always-short-test:bars=2");
        Assert.Equal([TargetPosition.Flat, TargetPosition.Short, TargetPosition.Short], TestBars.Run(strategy, TestBars.FromCloses(1, 2, 3)));
        Assert.Equal(8, registry.Definitions.Count);
        Assert.Single(definition.Parameters);
        Assert.False(StrategyRegistry.Default.TryGetDefinition("always-short-test", out _));
    }

    [Fact]
    public void Registry_rejects_duplicate_kinds_and_definitions_reject_bad_declarations()
    {
        Assert.Throws<ArgumentException>(() => new StrategyRegistry([SmaCrossStrategy.Definition, SmaCrossStrategy.Definition]));
        Assert.Throws<ArgumentException>(() => new StrategyDefinition("Bad Kind", "x", [], _ => new BuyAndHoldStrategy()));
        Assert.Throws<ArgumentException>(() => new StrategyDefinition(
            "dup", "x", [StrategyParameter.Integer("n", 1, 1, 2, "n"), StrategyParameter.Integer("n", 1, 1, 2, "n")], _ => new BuyAndHoldStrategy()));
        Assert.Throws<ArgumentException>(() => new StrategyDefinition(
            "rule", "x", [StrategyParameter.Integer("n", 1, 1, 2, "n")], _ => new BuyAndHoldStrategy(), [StrategyRule.LessThan("n", "m")]));
        Assert.Throws<ArgumentOutOfRangeException>(() => StrategyParameter.Integer("n", 0, 1, 2, "n"));
        Assert.Throws<ArgumentException>(() => StrategyParameter.Real("N", 1, 0, 2, "n"));
    }

    [Fact]
    public void Arguments_are_typed()
    {
        var arguments = MacdCrossStrategy.Definition.Bind(StrategySpec.Parse("macd-cross:short=true"));
        Assert.Equal(12, arguments.GetInt32("fast"));
        Assert.Equal(26.0, arguments.GetDouble("slow"));
        Assert.True(arguments.GetBoolean("short"));
        Assert.Throws<KeyNotFoundException>(() => arguments.GetInt32("nope"));
        Assert.Throws<InvalidOperationException>(() => arguments.GetInt32("short"));
        Assert.Throws<InvalidOperationException>(() => arguments.GetDouble("short"));
        Assert.Throws<StrategySpecException>(() => MacdCrossStrategy.Definition.Bind(StrategySpec.Parse("sma-cross")));
    }
}

/// <summary>A kind that lives only in the test assembly: Short from bar <c>bars</c> on.</summary>
public sealed class AlwaysShortTestStrategy : Strategy, IStrategyKind
{
    private AlwaysShortTestStrategy(StrategyArguments arguments)
        : base(arguments, arguments.GetInt32("bars"))
    {
    }

    public static StrategyDefinition Definition { get; } = new(
        "always-short-test",
        "test only",
        [StrategyParameter.Integer("bars", 3, 1, 100, "bars before going short")],
        arguments => new AlwaysShortTestStrategy(arguments));

    protected override TargetPosition Decide(Bar bar, TargetPosition current) =>
        BarCount + 1 >= WarmUpBars ? TargetPosition.Short : TargetPosition.Flat;
}

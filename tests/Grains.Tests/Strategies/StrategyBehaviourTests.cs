using TradingRobotPlug.GrainInterfaces.Market;
using TradingRobotPlug.Grains.Strategies;

namespace TradingRobotPlug.Grains.Tests.Strategies;

/// <summary>Properties every strategy kind must have: no look-ahead, warm-up respected, long-only where promised, deterministic replay.</summary>
public sealed class StrategyBehaviourTests
{
    public static TheoryData<string> Specs =>
    [
        "sma-cross:fast=3,slow=8",
        "sma-cross:fast=3,slow=8,short=true",
        "ema-cross:fast=3,slow=8",
        "ema-cross:fast=3,slow=8,short=true",
        "macd-cross:fast=3,slow=8,signal=4",
        "macd-cross:fast=3,slow=8,signal=4,short=true",
        "rsi-reversion:period=4,lower=35,upper=65",
        "bollinger-reversion:period=6,k=1",
        "donchian-breakout:entry=6,exit=3",
        "donchian-breakout:entry=3,exit=7",
        "buy-and-hold",
        "sma-cross",
        "macd-cross",
        "bollinger-reversion",
        "donchian-breakout",
        "rsi-reversion",
    ];

    private static readonly StrategyRegistry Registry = StrategyRegistry.Default;

    [Theory]
    [MemberData(nameof(Specs))]
    public void Decision_on_bar_t_does_not_depend_on_later_bars(string spec)
    {
        var history = TestBars.RandomWalk(seed: 1, count: 400);
        var full = TestBars.Run(Registry.Create(spec), history);
        foreach (var t in new[] { 5, 30, 150, 299 })
        {
            // Same bars up to t, a different future after it.
            var prefix = history.Take(t + 1).ToArray();
            var otherFuture = TestBars.RandomWalk(seed: 1000 + t, count: 100, firstIndex: t + 1, startClose: (double)prefix[^1].Close);
            var alternative = TestBars.Run(Registry.Create(spec), prefix.Concat(otherFuture));
            var prefixOnly = TestBars.Run(Registry.Create(spec), prefix);
            Assert.Equal(full.Take(t + 1), alternative.Take(t + 1));
            Assert.Equal(full.Take(t + 1), prefixOnly);
        }
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void Flat_during_warm_up_and_long_only_unless_short_is_enabled(string spec)
    {
        var strategy = Registry.Create(spec);
        var targets = TestBars.Run(strategy, TestBars.RandomWalk(seed: 7, count: 600));
        Assert.All(targets.Take(strategy.WarmUpBars - 1), t => Assert.Equal(TargetPosition.Flat, t));
        if (!spec.Contains("short=true", StringComparison.Ordinal))
        {
            Assert.DoesNotContain(TargetPosition.Short, targets);
        }

        Assert.Contains(TargetPosition.Long, targets);
        Assert.True(strategy.IsWarm);
        Assert.Equal(600, strategy.BarCount);
        Assert.Equal(targets[^1], strategy.Target);
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void Replaying_the_same_bars_from_the_saved_spec_restores_the_same_state(string spec)
    {
        var bars = TestBars.RandomWalk(seed: 3, count: 500);
        var original = Registry.Create(spec);
        TestBars.Run(original, bars.Take(350));

        // "Restart": rebuild from the persisted spec and replay the same bars.
        var restored = Registry.Create(original.Spec);
        TestBars.Run(restored, bars.Take(350));
        Assert.Equal(original.Target, restored.Target);
        Assert.Equal(original.BarCount, restored.BarCount);
        Assert.Equal(original.LastBarTime, restored.LastBarTime);
        Assert.Equal(TestBars.Run(original, bars.Skip(350)), TestBars.Run(restored, bars.Skip(350)));
    }

    [Fact]
    public void Out_of_order_or_foreign_bars_are_rejected_without_changing_state()
    {
        var strategy = Registry.Create("sma-cross:fast=1,slow=2");
        var bars = TestBars.FromCloses(10, 11, 12);
        strategy.OnBar(bars[0]);
        strategy.OnBar(bars[1]);
        Assert.Equal(TargetPosition.Long, strategy.Target);

        Assert.Throws<ArgumentException>(() => strategy.OnBar(bars[1]));
        Assert.Throws<ArgumentException>(() => strategy.OnBar(bars[0]));
        var other = Bar.Create(InstrumentId.Parse("OTHER"), Timeframe.OneDay, bars[2].OpenTime, 1, 1, 1, 1, 1);
        Assert.Throws<ArgumentException>(() => strategy.OnBar(other));
        var otherTimeframe = bars[2] with { Timeframe = Timeframe.OneHour };
        Assert.Throws<ArgumentException>(() => strategy.OnBar(otherTimeframe));
        Assert.Throws<ArgumentNullException>(() => strategy.OnBar(null!));

        Assert.Equal(2, strategy.BarCount);
        Assert.Equal(bars[1].OpenTime, strategy.LastBarTime);
        Assert.Equal(TestBars.Instrument, strategy.Instrument);
        Assert.Equal(Timeframe.OneDay, strategy.Timeframe);

        // A falling close proves the rejected bars did not reach the averages: SMA1 9 < SMA2 (11 + 9)/2 = 10.
        Assert.Equal(TargetPosition.Flat, strategy.OnBar(TestBars.At(2, 9, 9, 9)));
    }
}

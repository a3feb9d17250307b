using TradingRobotPlug.Grains.Strategies;

namespace TradingRobotPlug.Grains.Tests.Strategies;

/// <summary>
/// Each strategy on a short crafted sequence with the expected target on every bar, worked out by hand in the
/// comments. Sequences include traps that an off-by-one window, a look-ahead or a partial window would fall into.
/// </summary>
public sealed class StrategySignalTests
{
    private const TargetPosition F = TargetPosition.Flat;
    private const TargetPosition L = TargetPosition.Long;
    private const TargetPosition S = TargetPosition.Short;

    private static readonly StrategyRegistry Registry = StrategyRegistry.Default;

    [Fact]
    public void Sma_cross()
    {
        // fast 2, slow 3.
        // bar:   1    2     3      4       5       6      7      8
        // close: 10   11    12     11      9       8      10     13
        // SMA2:  -    10.5  11.5   11.5    10      8.5    9      11.5
        // SMA3:  -    -     11     11.33   10.67   9.33   9      10.33
        // fast>slow?        yes    yes     no      no     equal  yes
        var bars = TestBars.FromCloses(10, 11, 12, 11, 9, 8, 10, 13);
        Assert.Equal([F, F, L, L, F, F, F, L], TestBars.Run(Registry.Create("sma-cross:fast=2,slow=3"), bars));
        Assert.Equal([F, F, L, L, S, S, F, L], TestBars.Run(Registry.Create("sma-cross:fast=2,slow=3,short=true"), bars));
    }

    [Fact]
    public void Ema_cross()
    {
        // fast 2 (α 2/3, seed mean of bars 1-2), slow 3 (α 1/2, seed mean of bars 1-3).
        // bar:   1    2    3    4                     5                        6
        // close: 10   12   14   9                     8                        12
        // EMA2:  -    11   13   13−8/3 = 10.33        10.33−14/9 = 8.78        8.78+2.15 = 10.93
        // EMA3:  -    -    12   10.5                  9.25                     10.625
        var bars = TestBars.FromCloses(10, 12, 14, 9, 8, 12);
        Assert.Equal([F, F, L, F, F, L], TestBars.Run(Registry.Create("ema-cross:fast=2,slow=3"), bars));
        Assert.Equal([F, F, L, S, S, L], TestBars.Run(Registry.Create("ema-cross:fast=2,slow=3,short=true"), bars));
    }

    [Fact]
    public void Macd_cross()
    {
        // fast 2, slow 3, signal 2 (warm-up 4). EMAs as in Ema_cross, then 12 and 15:
        // bar:    1   2   3     4         5         6        7
        // close:  10  12  14    9         8         12       15
        // MACD:   -   -   1     −0.1667   −0.4722   0.3009   0.8295
        // signal: -   -   -     0.4167    −0.1759   0.1420   0.6003   (seed (1 − 0.1667)/2, then α 2/3)
        // At bar 3 the MACD line exists but the signal does not: still Flat, even with short=true.
        var bars = TestBars.FromCloses(10, 12, 14, 9, 8, 12, 15);
        Assert.Equal([F, F, F, F, F, L, L], TestBars.Run(Registry.Create("macd-cross:fast=2,slow=3,signal=2"), bars));
        Assert.Equal([F, F, F, S, S, L, L], TestBars.Run(Registry.Create("macd-cross:fast=2,slow=3,signal=2,short=true"), bars));
    }

    [Fact]
    public void Rsi_reversion()
    {
        // period 2 (Wilder), lower 30, upper 70; RSI from bar 3:
        // bar:   1   2   3    4   5    6     7      8      9      10
        // close: 10  11  12   11  10   9     10     12     13     8
        // RSI:   -   -   100  50  25   12.5  56.25  85.42  91.25  18.25
        // Bar 3 is above upper while flat: nothing to exit. Bar 5 < 30: enter. Bar 8 > 70: exit. Bar 10 < 30: enter.
        var bars = TestBars.FromCloses(10, 11, 12, 11, 10, 9, 10, 12, 13, 8);
        Assert.Equal([F, F, F, F, L, L, L, F, F, L], TestBars.Run(Registry.Create("rsi-reversion:period=2,lower=30,upper=70"), bars));

        // Thresholds matter: with lower 20 the entry waits for bar 6 (12.5); with upper 90 the exit waits for bar 9.
        Assert.Equal([F, F, F, F, F, L, L, L, F, L], TestBars.Run(Registry.Create("rsi-reversion:period=2,lower=20,upper=90"), bars));
    }

    [Fact]
    public void Bollinger_reversion()
    {
        // period 3, k 1; bands include the current close.
        // bar 3  [10,10,10] mean 10, σ 0, lower 10: close 10 is not below → Flat
        // bar 4  [10,10,7]  mean 9, σ √2 = 1.414, lower 7.586: close 7 below → Long
        // bar 5  [10,7,9]   mean 8.667: close 9 above middle → Flat
        // bar 6  [7,9,10]   lower 8.667 − 1.247 = 7.42: close 10 → Flat
        // bar 7  [9,10,11]  lower 10 − 0.816: close 11 → Flat
        // bar 8  [10,11,6]  mean 9, σ √(14/3) = 2.160, lower 6.84: close 6 below → Long
        // bar 9  [11,6,8]   mean 8.333: close 8 not above middle → stay Long
        // bar 10 [6,8,9]    mean 7.667: close 9 above → Flat
        var bars = TestBars.FromCloses(10, 10, 10, 7, 9, 10, 11, 6, 8, 9);
        Assert.Equal([F, F, F, L, F, F, F, L, L, F], TestBars.Run(Registry.Create("bollinger-reversion:period=3,k=1"), bars));

        // With k = 2 the bar-4 lower band is 9 − 2.83 = 6.17 and bar 8's is 9 − 4.32 = 4.68: no entries.
        Assert.Equal([F, F, F, F, F, F, F, F, F, F], TestBars.Run(Registry.Create("bollinger-reversion:period=3,k=2"), bars));
    }

    [Fact]
    public void Donchian_breakout_compares_with_the_channel_of_earlier_bars()
    {
        // entry 3, exit 2 (warm-up 4). (high, low, close):
        // 1  (11, 9, 10)
        // 2  (12, 10, 11)
        // 3  (13, 9, 12.8)     only 2 earlier bars: no entry channel yet (12.8 > 12 would trigger on a partial window) → Flat
        // 4  (14, 11, 13.5)    entry high of bars 1-3 = 13: 13.5 > 13 → Long (bars 2-4, current included, = 14 would not trigger)
        // 5  (15, 13, 14)      exit low of bars 3-4 = 9 → stay Long
        // 6  (14.5, 12.5, 13.2) exit low of bars 4-5 = 11 → stay Long
        // 7  (13.5, 10.5, 12.2) exit low of bars 5-6 = 12.5: 12.2 < 12.5 → Flat (bars 6-7 = 10.5, or bars 4-6 = 11, would hold)
        // 8  (13, 11, 12.9)    entry high of bars 5-7 = 15 → Flat
        // 9  (14, 12, 13.8)    entry high of bars 6-8 = 14.5 → Flat (a 2-bar entry channel, 13.5, would trigger)
        // 10 (15, 13, 14.8)    entry high of bars 7-9 = 14: 14.8 > 14 → Long
        var bars = TestBars.FromHighLowClose(
            (11, 9, 10), (12, 10, 11), (13, 9, 12.8), (14, 11, 13.5), (15, 13, 14),
            (14.5, 12.5, 13.2), (13.5, 10.5, 12.2), (13, 11, 12.9), (14, 12, 13.8), (15, 13, 14.8));
        var strategy = Registry.Create("donchian-breakout:entry=3,exit=2");
        Assert.Equal(4, strategy.WarmUpBars);
        Assert.Equal([F, F, F, L, L, L, F, F, F, L], TestBars.Run(strategy, bars));
    }

    [Fact]
    public void Buy_and_hold_is_long_from_the_first_bar()
    {
        var strategy = Registry.Create("buy-and-hold");
        Assert.Equal([L, L, L], TestBars.Run(strategy, TestBars.FromCloses(5, 4, 3)));
        Assert.True(strategy.IsWarm);
    }
}

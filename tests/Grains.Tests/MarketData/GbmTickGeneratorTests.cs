using TradingRobotPlug.GrainInterfaces.Market;
using TradingRobotPlug.Grains.MarketData;

namespace TradingRobotPlug.Grains.Tests.MarketData;

public sealed class GbmTickGeneratorTests
{
    private static readonly InstrumentId Spx = InstrumentId.Parse("SPX");
    private static readonly InstrumentId Aapl = InstrumentId.Parse("AAPL");
    private static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static GbmTickGenerator Generator(long seed, params GbmInstrument[] instruments)
        => new(instruments, Start, TimeSpan.FromSeconds(1), seed);

    private static readonly GbmInstrument SpxParams = new(Spx, 4500m, 0.07, 0.2);
    private static readonly GbmInstrument AaplParams = new(Aapl, 180m, 0.1, 0.35);

    [Fact]
    public void Same_seed_gives_the_same_ticks()
    {
        var a = Generator(42, SpxParams, AaplParams).Generate(500).ToList();
        var b = Generator(42, SpxParams, AaplParams).Generate(500).ToList();
        Assert.Equal(1000, a.Count);
        Assert.Equal(a, b);
    }

    [Fact]
    public void Different_seeds_give_different_paths()
    {
        var a = Generator(1, SpxParams).Generate(50).Select(t => t.Price).ToList();
        var b = Generator(2, SpxParams).Generate(50).Select(t => t.Price).ToList();
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void An_instruments_path_does_not_depend_on_the_others()
    {
        var alone = Generator(7, SpxParams).Generate(200).ToList();
        var together = Generator(7, AaplParams, SpxParams).Generate(200).Where(t => t.Instrument == Spx).ToList();
        Assert.Equal(alone, together);
    }

    [Fact]
    public void Steps_emit_one_tick_per_instrument_at_evenly_spaced_times()
    {
        var generator = Generator(3, SpxParams, AaplParams);
        var first = generator.NextStep();
        Assert.Equal([Spx, Aapl], first.Select(t => t.Instrument));
        Assert.Equal([4500m, 180m], first.Select(t => t.Price));
        Assert.All(first, t => Assert.Equal(Start, t.Time));
        var second = generator.NextStep();
        Assert.All(second, t => Assert.Equal(Start.AddSeconds(1), t.Time));
        Assert.Equal(2, generator.Step);
        Assert.Equal(Start.AddSeconds(2), generator.NextTime);
        Assert.All(generator.Generate(300), t => Assert.InRange(t.Size, 1m, 100m));
    }

    [Fact]
    public void Without_volatility_the_price_grows_at_the_drift()
    {
        // Δt = 1 day = 1/365.25 year; μ = 0.36525 → μ·Δt = 0.001 per step. 100·e^0.001 = 100.10005…, 100·e^0.01 = 101.00501…
        var generator = new GbmTickGenerator([new GbmInstrument(Spx, 100m, 0.36525, 0.0)], Start, TimeSpan.FromDays(1), seed: 9, priceDecimals: 4);
        var prices = generator.Generate(11).Select(t => t.Price).ToList();
        Assert.Equal(100m, prices[0]);
        Assert.Equal(100.1001m, prices[1]);
        Assert.Equal(101.0050m, prices[10]);
    }

    [Fact]
    public void Log_returns_have_the_configured_volatility()
    {
        // σ = 0.5 a year, 1-hour steps: per-step standard deviation 0.5 · √(1 / (24 · 365.25)) ≈ 0.005342.
        var generator = new GbmTickGenerator([new GbmInstrument(Spx, 100m, 0.0, 0.5)], Start, TimeSpan.FromHours(1), seed: 2024, priceDecimals: 10);
        var prices = generator.Generate(20_001).Select(t => (double)t.Price).ToList();
        var returns = prices.Zip(prices.Skip(1), (a, b) => Math.Log(b / a)).ToList();
        double mean = returns.Average();
        double sd = Math.Sqrt(returns.Sum(r => (r - mean) * (r - mean)) / (returns.Count - 1));
        double expected = 0.5 * Math.Sqrt(1.0 / (24 * 365.25));
        Assert.InRange(sd, expected * 0.97, expected * 1.03);
    }

    [Fact]
    public void Bad_parameters_are_rejected_naming_the_instrument()
    {
        var ex = Assert.Throws<ArgumentException>(() => Generator(1, new GbmInstrument(Spx, 0m, 0, 0.2)));
        Assert.Contains("SPX", ex.Message);
        Assert.Throws<ArgumentException>(() => Generator(1, new GbmInstrument(Spx, 1m, double.NaN, 0.2)));
        Assert.Throws<ArgumentException>(() => Generator(1, new GbmInstrument(Spx, 1m, 0, -0.1)));
        Assert.Throws<ArgumentException>(() => Generator(1, SpxParams, SpxParams));
        Assert.Throws<ArgumentException>(() => Generator(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GbmTickGenerator([SpxParams], Start, TimeSpan.Zero, 1));
    }
}

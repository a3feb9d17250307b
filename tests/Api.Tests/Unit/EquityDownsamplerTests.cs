using TradingRobotPlug.Api.Features.Strategies;
using TradingRobotPlug.GrainInterfaces.Strategies;

namespace TradingRobotPlug.Api.Tests.Unit;

/// <summary>Drawdown series and downsampling on hand-made curves.</summary>
public sealed class EquityDownsamplerTests
{
    private static readonly DateTimeOffset T0 = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static List<EquityPoint> Curve(params decimal[] equity) => [.. equity.Select((e, i) => new EquityPoint(T0.AddDays(i), e))];

    [Fact]
    public void Drawdown_is_measured_from_the_running_peak()
    {
        var points = EquityDownsampler.WithDrawdown(Curve(100m, 120m, 90m, 150m, 135m));
        Assert.Equal([0, 0, 0.25, 0, 0.1], points.Select(p => p.Drawdown));
    }

    [Fact]
    public void Downsampling_keeps_the_ends_and_each_buckets_deepest_point()
    {
        // Middle points 1..8 in 2 buckets: [1..4] deepest at 3 (0.5), [5..8] deepest at 6 (0.2).
        var points = EquityDownsampler.WithDrawdown(Curve(100m, 100m, 80m, 50m, 90m, 100m, 80m, 90m, 95m, 99m));
        var sampled = EquityDownsampler.Downsample(points, 4);
        Assert.Equal([points[0], points[3], points[6], points[9]], sampled);
    }

    [Fact]
    public void Short_curves_are_returned_whole_and_two_points_are_the_ends()
    {
        var points = EquityDownsampler.WithDrawdown(Curve(100m, 50m, 100m));
        Assert.Same(points, EquityDownsampler.Downsample(points, 3));
        Assert.Equal([points[0], points[2]], EquityDownsampler.Downsample(points, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => EquityDownsampler.Downsample(points, 1));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(int.MaxValue)]
    public void Trade_cursors_round_trip(int index)
    {
        Assert.True(TradeCursor.TryDecode(TradeCursor.Encode(index), out var decoded));
        Assert.Equal(index, decoded);
        Assert.False(TradeCursor.TryDecode("dDot", out _));
        Assert.False(TradeCursor.TryDecode("%%%", out _));
    }
}

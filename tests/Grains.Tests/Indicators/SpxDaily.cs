using System.Globalization;

namespace TradingRobotPlug.Grains.Tests.Indicators;

/// <summary>
/// The bundled S&amp;P 500 daily file (<c>data/sp500-daily-2000-2020.csv</c>, columns date,open,high,low,close,adjclose,volume),
/// parsed once. Prices are parsed as decimal (as a <c>Bar</c> holds them) and converted to double the way
/// <c>IndicatorSet.Update(Bar)</c> converts them, so every test feeds identical doubles.
/// </summary>
internal sealed class SpxDaily
{
    private static readonly Lazy<SpxDaily> LazyInstance = new(Load);

    private SpxDaily(List<string[]> rows)
    {
        Count = rows.Count;
        Dates = rows.Select(r => new DateTimeOffset(DateTime.ParseExact(r[0], "yyyy-MM-dd", CultureInfo.InvariantCulture), TimeSpan.Zero)).ToArray();
        OpenDecimal = rows.Select(r => decimal.Parse(r[1], CultureInfo.InvariantCulture)).ToArray();
        HighDecimal = rows.Select(r => decimal.Parse(r[2], CultureInfo.InvariantCulture)).ToArray();
        LowDecimal = rows.Select(r => decimal.Parse(r[3], CultureInfo.InvariantCulture)).ToArray();
        CloseDecimal = rows.Select(r => decimal.Parse(r[4], CultureInfo.InvariantCulture)).ToArray();
        VolumeDecimal = rows.Select(r => decimal.Parse(r[6], CultureInfo.InvariantCulture)).ToArray();
        Open = OpenDecimal.Select(d => (double)d).ToArray();
        High = HighDecimal.Select(d => (double)d).ToArray();
        Low = LowDecimal.Select(d => (double)d).ToArray();
        Close = CloseDecimal.Select(d => (double)d).ToArray();
        Volume = VolumeDecimal.Select(d => (double)d).ToArray();
    }

    public static SpxDaily Instance => LazyInstance.Value;

    public int Count { get; }

    public DateTimeOffset[] Dates { get; }

    public decimal[] OpenDecimal { get; }

    public decimal[] HighDecimal { get; }

    public decimal[] LowDecimal { get; }

    public decimal[] CloseDecimal { get; }

    public decimal[] VolumeDecimal { get; }

    public double[] Open { get; }

    public double[] High { get; }

    public double[] Low { get; }

    public double[] Close { get; }

    public double[] Volume { get; }

    private static SpxDaily Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "data", "sp500-daily-2000-2020.csv");
        var lines = File.ReadAllLines(path);
        Assert.Equal("date,open,high,low,close,adjclose,volume", lines[0]);
        var rows = lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).ToList();
        Assert.All(rows, r => Assert.Equal(7, r.Length));
        return new SpxDaily(rows);
    }
}

namespace TradingRobotPlug.Grains.Tests.MarketData;

/// <summary>A CSV file in a fresh temp directory, deleted on dispose.</summary>
internal sealed class TempCsv : IDisposable
{
    private readonly string _directory;

    public TempCsv(params string[] lines)
    {
        _directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "trp-csv-" + System.IO.Path.GetRandomFileName());
        Directory.CreateDirectory(_directory);
        Path = System.IO.Path.Combine(_directory, "bars.csv");
        File.WriteAllText(Path, string.Join("\n", lines) + "\n");
    }

    public string Path { get; }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}

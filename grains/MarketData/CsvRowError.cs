namespace TradingRobotPlug.Grains.MarketData;

/// <summary>One problem found in a CSV file. Printed as <c>"{File}:{Line}: {Field}: {Message}"</c>.</summary>
/// <param name="File">The file path (or source name) as given to the reader.</param>
/// <param name="Line">1-based physical line number in the file (the header is line 1).</param>
/// <param name="Field">The column concerned (its lower-case header name), or "header" / "row" for problems of the whole line.</param>
/// <param name="Message">What is wrong, quoting the bad text.</param>
public sealed record CsvRowError(string File, long Line, string Field, string Message)
{
    /// <summary><c>"{File}:{Line}: {Field}: {Message}"</c>.</summary>
    public override string ToString() => $"{File}:{Line}: {Field}: {Message}";
}

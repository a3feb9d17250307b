namespace TradingRobotPlug.Grains.MarketData;

/// <summary>
/// A CSV file has bad rows (under <see cref="BadRowPolicy.Fail"/>) or an unusable header. The message names the file and
/// lists every error as <c>"{file}:{line}: {field}: {message}"</c>, one per line (at most 50, then a count of the rest);
/// <see cref="Errors"/> has them all.
/// </summary>
public sealed class CsvDataException : Exception
{
    private const int MaxListed = 50;

    /// <summary>Creates the exception from the errors found.</summary>
    /// <param name="file">The file path or source name.</param>
    /// <param name="errors">The errors, at least one.</param>
    /// <exception cref="ArgumentException"><paramref name="errors"/> is empty.</exception>
    public CsvDataException(string file, IReadOnlyList<CsvRowError> errors)
        : base(BuildMessage(file, errors))
    {
        File = file;
        Errors = errors;
    }

    /// <summary>The file path or source name.</summary>
    public string File { get; }

    /// <summary>Every error found, in file order.</summary>
    public IReadOnlyList<CsvRowError> Errors { get; }

    private static string BuildMessage(string file, IReadOnlyList<CsvRowError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Count == 0)
        {
            throw new ArgumentException("At least one error is needed.", nameof(errors));
        }

        var lines = errors.Take(MaxListed).Select(e => e.ToString());
        string more = errors.Count > MaxListed ? $"{Environment.NewLine}… and {errors.Count - MaxListed} more" : string.Empty;
        return $"{file}: {errors.Count} error(s) in OHLCV CSV data:{Environment.NewLine}{string.Join(Environment.NewLine, lines)}{more}";
    }
}

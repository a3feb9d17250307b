using System.Globalization;
using TradingRobotPlug.GrainInterfaces.Market;

namespace TradingRobotPlug.Grains.MarketData;

/// <summary>
/// Validates the header and the rows of one OHLCV CSV file and turns good rows into bars. Stateful (remembers the last
/// good row's date for the ordering check); one instance per file read.
/// </summary>
internal sealed class OhlcvRowParser
{
    private static readonly string[] Required = ["date", "open", "high", "low", "close", "volume"];

    private static readonly string[] DateFormats =
    [
        "yyyy-MM-dd",
        "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd HH:mmK", "yyyy-MM-dd HH:mm:ssK", "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
    ];

    private readonly string _file;
    private readonly InstrumentId _instrument;
    private readonly Timeframe _timeframe;
    private readonly int[] _columns = new int[Required.Length];
    private DateTimeOffset? _lastDate;
    private long _lastDateLine;

    public OhlcvRowParser(string file, InstrumentId instrument, Timeframe timeframe)
    {
        _file = file;
        _instrument = instrument;
        _timeframe = timeframe;
    }

    /// <summary>Maps the required columns (names trimmed, case-insensitive; extra columns ignored). Returns the header errors.</summary>
    public List<CsvRowError> ReadHeader(string[]? header, long line)
    {
        var errors = new List<CsvRowError>();
        if (header is null)
        {
            errors.Add(new CsvRowError(_file, 1, "header", "the file is empty; expected a header with date,open,high,low,close,volume."));
            return errors;
        }

        Array.Fill(_columns, -1);
        for (int i = 0; i < header.Length; i++)
        {
            string name = header[i].Trim().ToLowerInvariant();
            int index = Array.IndexOf(Required, name);
            if (index < 0)
            {
                continue;
            }

            if (_columns[index] >= 0)
            {
                errors.Add(new CsvRowError(_file, line, name, $"column '{name}' appears twice in the header (columns {_columns[index] + 1} and {i + 1})."));
            }
            else
            {
                _columns[index] = i;
            }
        }

        for (int k = 0; k < Required.Length; k++)
        {
            if (_columns[k] < 0)
            {
                errors.Add(new CsvRowError(_file, line, Required[k], $"required column '{Required[k]}' is missing from the header '{string.Join(",", header)}'."));
            }
        }

        return errors;
    }

    /// <summary>Checks a data row; returns its bar, or null after adding at least one error.</summary>
    public Bar? ReadRow(string[] fields, long line, bool badQuoting, List<CsvRowError> errors)
    {
        int before = errors.Count;
        if (badQuoting)
        {
            errors.Add(Error(line, "row", "malformed quoting."));
            return null;
        }

        DateTimeOffset? date = ParseDate(fields, line, errors);
        decimal? open = ParseNumber(fields, 1, line, errors, positive: true);
        decimal? high = ParseNumber(fields, 2, line, errors, positive: true);
        decimal? low = ParseNumber(fields, 3, line, errors, positive: true);
        decimal? close = ParseNumber(fields, 4, line, errors, positive: true);
        decimal? volume = ParseNumber(fields, 5, line, errors, positive: false);
        if (errors.Count > before)
        {
            return null;
        }

        if (high < low)
        {
            errors.Add(Error(line, "high", $"high {high} is below low {low}."));
        }
        else
        {
            if (open < low || open > high)
            {
                errors.Add(Error(line, "open", $"open {open} is outside [low {low}, high {high}]."));
            }

            if (close < low || close > high)
            {
                errors.Add(Error(line, "close", $"close {close} is outside [low {low}, high {high}]."));
            }
        }

        if (_lastDate is { } last && date <= last)
        {
            string what = date == last ? "repeats the date of line" : "is before the date of line";
            errors.Add(Error(line, "date", $"{Format(date!.Value)} {what} {_lastDateLine} ({Format(last)}); dates must strictly increase."));
        }
        else if (_lastDate is { } previous && date < previous + _timeframe.Duration())
        {
            errors.Add(Error(
                line,
                "date",
                $"{Format(date!.Value)} opens before the {_timeframe.ToText()} bar of line {_lastDateLine} ({Format(previous)}) closes at {Format(previous + _timeframe.Duration())}; the bars overlap, so the file's timeframe is finer than {_timeframe.ToText()} (give the right timeframe, e.g. --timeframe 1m)."));
        }

        if (errors.Count > before)
        {
            return null;
        }

        _lastDate = date;
        _lastDateLine = line;
        return new Bar(_instrument, _timeframe, date!.Value, open!.Value, high!.Value, low!.Value, close!.Value, volume!.Value);
    }

    private DateTimeOffset? ParseDate(string[] fields, long line, List<CsvRowError> errors)
    {
        string? text = Field(fields, 0, line, errors);
        if (text is null)
        {
            return null;
        }

        if (DateTimeOffset.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date))
        {
            return date.ToUniversalTime();
        }

        errors.Add(Error(line, "date", $"'{text}' is not an ISO date (yyyy-MM-dd) or date-time (yyyy-MM-ddTHH:mm[:ss[.fff]][Z|±hh:mm])."));
        return null;
    }

    private decimal? ParseNumber(string[] fields, int column, long line, List<CsvRowError> errors, bool positive)
    {
        string? text = Field(fields, column, line, errors);
        if (text is null)
        {
            return null;
        }

        string name = Required[column];
        if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal value))
        {
            errors.Add(Error(line, name, $"'{text}' is not a number."));
            return null;
        }

        if (positive && value <= 0)
        {
            errors.Add(Error(line, name, $"{name} must be positive, was {text}."));
            return null;
        }

        if (!positive && value < 0)
        {
            errors.Add(Error(line, name, $"{name} must not be negative, was {text}."));
            return null;
        }

        return value;
    }

    private string? Field(string[] fields, int column, long line, List<CsvRowError> errors)
    {
        int index = _columns[column];
        string? text = index < fields.Length ? fields[index].Trim() : null;
        if (string.IsNullOrEmpty(text))
        {
            errors.Add(Error(line, Required[column], $"missing value (column {index + 1})."));
            return null;
        }

        return text;
    }

    private CsvRowError Error(long line, string field, string message) => new(_file, line, field, message);

    private static string Format(DateTimeOffset date)
        => date.TimeOfDay == TimeSpan.Zero
            ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : date.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
}

using TradingRobotPlug.GrainInterfaces.Market;
using TradingRobotPlug.Grains.MarketData;

namespace TradingRobotPlug.Grains.Tests.MarketData;

public sealed class OhlcvCsvReaderTests
{
    private static readonly InstrumentId Spx = InstrumentId.Parse("SPX");
    private static readonly string Sp500Path = Path.Combine(AppContext.BaseDirectory, "data", "sp500-daily-2000-2020.csv");
    private const string Header = "date,open,high,low,close,adjclose,volume";

    private static DateTimeOffset Utc(int y, int m, int d, int h = 0, int min = 0) => new(y, m, d, h, min, 0, TimeSpan.Zero);

    [Fact]
    public void Reads_the_bundled_sp500_file()
    {
        var bars = new OhlcvCsvReader(Spx).ReadAll(Sp500Path);

        // The file holds a header and 5,105 data rows (counted with awk and Python's csv module; data/README.md says 5,104).
        Assert.Equal(5105, bars.Count);
        Assert.Equal(
            new Bar(Spx, Timeframe.OneDay, Utc(2000, 1, 3), 1469.25m, 1478m, 1438.359985m, 1455.219971m, 931_800_000m),
            bars[0]);
        Assert.Equal(
            new Bar(Spx, Timeframe.OneDay, Utc(2020, 4, 17), 2842.429932m, 2879.219971m, 2830.879883m, 2874.560059m, 5_792_140_000m),
            bars[^1]);
        Assert.Equal(TimeSpan.Zero, bars[0].OpenTime.Offset);
    }

    [Fact]
    public async Task Reads_the_bundled_sp500_file_asynchronously()
    {
        var bars = await new OhlcvCsvReader(Spx).ReadAllAsync(Sp500Path);
        Assert.Equal(5105, bars.Count);
        Assert.Equal(Utc(2000, 1, 4), bars[1].OpenTime);
    }

    [Fact]
    public void Header_is_case_insensitive_in_any_order_with_extra_columns()
    {
        using var csv = new TempCsv(" Volume ,CLOSE,extra,low,High,Open,DATE", "100,11,x,9,12,10,2020-01-02");
        var bar = Assert.Single(new OhlcvCsvReader(Spx, Timeframe.OneHour).ReadAll(csv.Path));
        Assert.Equal(new Bar(Spx, Timeframe.OneHour, Utc(2020, 1, 2), 10m, 12m, 9m, 11m, 100m), bar);
    }

    [Fact]
    public void Iso_date_times_are_utc_unless_they_carry_an_offset()
    {
        using var csv = new TempCsv(
            Header,
            "2020-01-02T09:30,10,12,9,11,11,1",
            "2020-01-02T10:31:00+01:00,10,12,9,11,11,1",
            "2020-01-02 09:32:00Z,10,12,9,11,11,1",
            "2020-01-02T09:33:00.5,10,12,9,11,11,1");
        var bars = new OhlcvCsvReader(Spx, Timeframe.OneMinute).ReadAll(csv.Path);
        Assert.Equal(
            [Utc(2020, 1, 2, 9, 30), Utc(2020, 1, 2, 9, 31), Utc(2020, 1, 2, 9, 32), Utc(2020, 1, 2, 9, 33).AddMilliseconds(500)],
            bars.Select(b => b.OpenTime));
        Assert.All(bars, b => Assert.Equal(TimeSpan.Zero, b.OpenTime.Offset));
    }

    public static TheoryData<string, string, string> BadRows => new()
    {
        { "2020-01-03,,12,9,11,11,100", "open", "missing value" },
        { "2020-01-03,10,12,9,11", "volume", "missing value" },
        { "2020-01-03,abc,12,9,11,11,100", "open", "'abc' is not a number" },
        { "2020-01-03,10,12,9,11,11,1e9999", "volume", "'1e9999' is not a number" },
        { "2020-01-03,10,12,0,11,11,100", "low", "low must be positive, was 0" },
        { "2020-01-03,10,12,9,-11,11,100", "close", "close must be positive, was -11" },
        { "2020-01-03,10,12,9,11,11,-1", "volume", "volume must not be negative, was -1" },
        { "2020-01-03,10,8,9,9,9,100", "high", "high 8 is below low 9" },
        { "2020-01-03,13,12,9,11,11,100", "open", "open 13 is outside [low 9, high 12]" },
        { "2020-01-03,10,12,9,8.5,8.5,100", "close", "close 8.5 is outside [low 9, high 12]" },
        { "2020-01-02,10,12,9,11,11,100", "date", "2020-01-02 repeats the date of line 2 (2020-01-02)" },
        { "2020-01-01,10,12,9,11,11,100", "date", "2020-01-01 is before the date of line 2 (2020-01-02)" },
        { "2020/01/03,10,12,9,11,11,100", "date", "'2020/01/03' is not an ISO date" },
        { "2020-01-03,1\"0,12,9,11,11,100", "row", "malformed quoting" },
    };

    [Theory]
    [MemberData(nameof(BadRows))]
    public void Fail_policy_names_file_line_and_field_and_returns_nothing(string badRow, string field, string message)
    {
        using var csv = new TempCsv(Header, "2020-01-02,10,12,9,11,11,100", badRow, "2020-01-04,10,12,9,11,11,100");
        var reader = new OhlcvCsvReader(Spx);

        IReadOnlyList<Bar>? bars = null;
        var ex = Assert.Throws<CsvDataException>(() => bars = reader.ReadAll(csv.Path));

        Assert.Null(bars);
        Assert.Contains($"{csv.Path}:3: {field}: {message}", ex.Message);
        var error = Assert.Single(ex.Errors);
        Assert.Equal(new CsvRowError(csv.Path, 3, field, error.Message), error);
        Assert.Equal(csv.Path, ex.File);
    }

    [Theory]
    [MemberData(nameof(BadRows))]
    public void Skip_policy_reports_file_line_and_field_and_keeps_the_good_rows(string badRow, string field, string message)
    {
        using var csv = new TempCsv(Header, "2020-01-02,10,12,9,11,11,100", badRow, "2020-01-04,10,12,9,11,11,100");
        var errors = new List<CsvRowError>();

        var bars = new OhlcvCsvReader(Spx, policy: BadRowPolicy.Skip, onBadRow: errors.Add).ReadAll(csv.Path);

        Assert.Equal([Utc(2020, 1, 2), Utc(2020, 1, 4)], bars.Select(b => b.OpenTime));
        var error = Assert.Single(errors);
        Assert.Equal(csv.Path, error.File);
        Assert.Equal(3, error.Line);
        Assert.Equal(field, error.Field);
        Assert.StartsWith($"{csv.Path}:3: {field}: {message}", error.ToString());
    }

    private static TempCsv ManyBadRows() => new(
        "Date,Open,High,Low,Close,Adj Close,Volume",  // 1
        "2020-01-02,10,12,9,11,11,100",              // 2 good
        "2020-01-03,10,12,9,11,11,100",              // 3 good
        "2020-01-03,10,12,9,11,11,100",              // 4 repeated date
        "2020-01-06,x,12,9,11,11,y",                 // 5 two non-numbers
        "",                                          // 6 blank, skipped but counted
        "2020-01-07,10,12,9,11,11,100",              // 7 good
        "2020-01-08,10,8,9,9,9,100");                // 8 high < low

    [Fact]
    public void Fail_policy_collects_every_error_of_the_file_in_order()
    {
        using var csv = ManyBadRows();
        var ex = Assert.Throws<CsvDataException>(() => new OhlcvCsvReader(Spx).ReadAll(csv.Path));
        Assert.Equal(
            [(4L, "date"), (5L, "open"), (5L, "volume"), (8L, "high")],
            ex.Errors.Select(e => (e.Line, e.Field)));
        Assert.Contains("4 error(s)", ex.Message);
        Assert.Contains($"{csv.Path}:8: high: high 8 is below low 9.", ex.Message);
    }

    [Fact]
    public void Skip_policy_returns_good_rows_and_reports_the_rest()
    {
        using var csv = ManyBadRows();
        var errors = new List<CsvRowError>();
        var bars = new OhlcvCsvReader(Spx, policy: BadRowPolicy.Skip, onBadRow: errors.Add).ReadAll(csv.Path);
        Assert.Equal([Utc(2020, 1, 2), Utc(2020, 1, 3), Utc(2020, 1, 7)], bars.Select(b => b.OpenTime));
        Assert.Equal([4L, 5L, 5L, 8L], errors.Select(e => e.Line));
    }

    [Fact]
    public void Streaming_fail_yields_up_to_the_first_bad_row_then_throws_with_all_errors()
    {
        using var csv = ManyBadRows();
        var seen = new List<DateTimeOffset>();
        var ex = Assert.Throws<CsvDataException>(() =>
        {
            foreach (var bar in new OhlcvCsvReader(Spx).Read(csv.Path))
            {
                seen.Add(bar.OpenTime);
            }
        });
        Assert.Equal([Utc(2020, 1, 2), Utc(2020, 1, 3)], seen);
        Assert.Equal(4, ex.Errors.Count);
    }

    [Fact]
    public async Task Async_streaming_reports_the_same_errors()
    {
        using var csv = ManyBadRows();
        var ex = await Assert.ThrowsAsync<CsvDataException>(() => new OhlcvCsvReader(Spx).ReadAllAsync(csv.Path));
        Assert.Equal([4L, 5L, 5L, 8L], ex.Errors.Select(e => e.Line));
    }

    [Fact]
    public void Missing_or_repeated_header_columns_fail_even_when_skipping()
    {
        using var missing = new TempCsv("date,open,high,low,close", "2020-01-02,10,12,9,11");
        var ex = Assert.Throws<CsvDataException>(() => new OhlcvCsvReader(Spx, policy: BadRowPolicy.Skip, onBadRow: _ => { }).ReadAll(missing.Path));
        Assert.Contains($"{missing.Path}:1: volume: required column 'volume' is missing", ex.Message);

        using var repeated = new TempCsv("date,open,high,low,close,volume,Close", "2020-01-02,10,12,9,11,1,11");
        ex = Assert.Throws<CsvDataException>(() => new OhlcvCsvReader(Spx).ReadAll(repeated.Path));
        Assert.Contains($"{repeated.Path}:1: close: column 'close' appears twice", ex.Message);
    }

    [Fact]
    public void Empty_input_fails_naming_the_source()
    {
        var ex = Assert.Throws<CsvDataException>(() => new OhlcvCsvReader(Spx).ReadAll(new StringReader(string.Empty), "memory.csv"));
        Assert.Contains("memory.csv:1: header: the file is empty", ex.Message);
    }

    [Fact]
    public void Header_only_input_gives_no_bars()
        => Assert.Empty(new OhlcvCsvReader(Spx).ReadAll(new StringReader(Header), "memory.csv"));

    [Fact]
    public void Skip_policy_needs_a_callback_and_missing_files_throw_on_enumeration()
    {
        Assert.Equal("onBadRow", Assert.Throws<ArgumentException>(() => new OhlcvCsvReader(Spx, policy: BadRowPolicy.Skip)).ParamName);
        var lazy = new OhlcvCsvReader(Spx).Read(Path.Combine(Path.GetTempPath(), "trp-missing-" + Path.GetRandomFileName() + ".csv"));
        Assert.Throws<FileNotFoundException>(() => lazy.First());
    }
}

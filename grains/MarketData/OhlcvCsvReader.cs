using System.Globalization;
using System.Runtime.CompilerServices;
using CsvHelper;
using TradingRobotPlug.GrainInterfaces.Market;

namespace TradingRobotPlug.Grains.MarketData;

/// <summary>
/// Reads OHLCV bars from CSV, streaming (one row in memory at a time; <c>ReadAll</c> keeps only the bars).
/// <para>
/// Format: comma-separated, RFC 4180 quoting, a header row. Header names are trimmed and case-insensitive; the columns
/// date, open, high, low, close and volume are required, others (e.g. adjclose) are ignored; blank lines are skipped.
/// Dates are ISO <c>yyyy-MM-dd</c> (the bar opens at 00:00 UTC) or ISO date-times <c>yyyy-MM-ddTHH:mm[:ss[.fffffff]]</c>
/// (or with a space for the 'T'), read as UTC unless they carry <c>Z</c> or an offset, in which case they are converted to
/// UTC. The date is the bar's open time, taken as given (not re-aligned to the timeframe). Numbers use '.' as decimal
/// point (exponents allowed, no thousands separators).
/// </para>
/// <para>
/// A row is bad when a required value is missing or empty, is not a number or date, a price is ≤ 0, the volume is &lt; 0,
/// high &lt; low, open or close is outside [low, high], or its date is not strictly after the previous good row's (out
/// of order or repeated) or is before that row's bar closes (previous date + the timeframe: overlapping bars, a file
/// finer than the timeframe given). Each problem becomes a <see cref="CsvRowError"/> naming the file, the 1-based physical line
/// (header = 1) and the column; a row can have several. A missing or duplicated required header column always throws
/// <see cref="CsvDataException"/> before any bar is read.
/// </para>
/// <para>
/// <see cref="BadRowPolicy.Fail"/>: every error of the file is collected, then one <see cref="CsvDataException"/> lists
/// them; <c>ReadAll</c> then returns nothing, while <c>Read</c>/<c>ReadAsync</c> (streaming) stop yielding at the first
/// bad row and throw once the file has been read to its end. <see cref="BadRowPolicy.Skip"/>: each bad row is left out
/// and each of its errors passed to the callback, in file order.
/// </para>
/// </summary>
public sealed class OhlcvCsvReader
{
    private readonly InstrumentId _instrument;
    private readonly Timeframe _timeframe;
    private readonly BadRowPolicy _policy;
    private readonly Action<CsvRowError>? _onBadRow;

    /// <summary>Creates a reader.</summary>
    /// <param name="instrument">Instrument of the bars.</param>
    /// <param name="timeframe">Timeframe of the bars (default one day).</param>
    /// <param name="policy">What to do with bad rows (default fail).</param>
    /// <param name="onBadRow">Receives each error of a bad row; required for <see cref="BadRowPolicy.Skip"/> so that nothing
    /// is dropped silently, optional for <see cref="BadRowPolicy.Fail"/> (then called as errors are found, before the throw).</param>
    /// <exception cref="ArgumentException">The instrument is default, the timeframe or policy undefined, or
    /// <paramref name="onBadRow"/> is null with <see cref="BadRowPolicy.Skip"/>.</exception>
    public OhlcvCsvReader(InstrumentId instrument, Timeframe timeframe = Timeframe.OneDay, BadRowPolicy policy = BadRowPolicy.Fail, Action<CsvRowError>? onBadRow = null)
    {
        if (instrument.Symbol is null) throw new ArgumentException("instrument is default (unset).", nameof(instrument));
        if (!Enum.IsDefined(timeframe)) throw new ArgumentException($"timeframe {(int)timeframe} is not defined.", nameof(timeframe));
        if (!Enum.IsDefined(policy)) throw new ArgumentException($"policy {(int)policy} is not defined.", nameof(policy));
        if (policy == BadRowPolicy.Skip && onBadRow is null)
        {
            throw new ArgumentException("BadRowPolicy.Skip needs an onBadRow callback so that skipped rows are reported.", nameof(onBadRow));
        }

        _instrument = instrument;
        _timeframe = timeframe;
        _policy = policy;
        _onBadRow = onBadRow;
    }

    /// <summary>Reads the whole file into a list (all or nothing under <see cref="BadRowPolicy.Fail"/>).</summary>
    /// <exception cref="CsvDataException">Bad header, or bad rows under <see cref="BadRowPolicy.Fail"/>.</exception>
    /// <exception cref="IOException">The file cannot be read (e.g. <see cref="FileNotFoundException"/>).</exception>
    public IReadOnlyList<Bar> ReadAll(string path) => Read(path).ToList();

    /// <summary>Reads everything from <paramref name="reader"/> into a list; <paramref name="sourceName"/> stands for the file name in errors.</summary>
    /// <exception cref="CsvDataException">Bad header, or bad rows under <see cref="BadRowPolicy.Fail"/>.</exception>
    public IReadOnlyList<Bar> ReadAll(TextReader reader, string sourceName) => Read(reader, sourceName).ToList();

    /// <summary>Reads the whole file into a list asynchronously (all or nothing under <see cref="BadRowPolicy.Fail"/>).</summary>
    /// <exception cref="CsvDataException">Bad header, or bad rows under <see cref="BadRowPolicy.Fail"/>.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public async Task<IReadOnlyList<Bar>> ReadAllAsync(string path, CancellationToken cancellationToken = default)
    {
        var bars = new List<Bar>();
        await foreach (var bar in ReadAsync(path, cancellationToken).ConfigureAwait(false))
        {
            bars.Add(bar);
        }

        return bars;
    }

    /// <summary>Streams the bars of a file (opened on first enumeration, closed at the end).</summary>
    /// <exception cref="CsvDataException">While enumerating: bad header, or bad rows under <see cref="BadRowPolicy.Fail"/>.</exception>
    /// <exception cref="IOException">While enumerating: the file cannot be read.</exception>
    public IEnumerable<Bar> Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return ReadFile(path);
    }

    /// <summary>Streams the bars read from <paramref name="reader"/> (not disposed); <paramref name="sourceName"/> stands for the file name in errors.</summary>
    /// <exception cref="CsvDataException">While enumerating: bad header, or bad rows under <see cref="BadRowPolicy.Fail"/>.</exception>
    public IEnumerable<Bar> Read(TextReader reader, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentException.ThrowIfNullOrEmpty(sourceName);
        return ReadCore(reader, sourceName);
    }

    /// <summary>Streams the bars of a file asynchronously.</summary>
    /// <exception cref="CsvDataException">While enumerating: bad header, or bad rows under <see cref="BadRowPolicy.Fail"/>.</exception>
    /// <exception cref="IOException">While enumerating: the file cannot be read.</exception>
    public async IAsyncEnumerable<Bar> ReadAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var reader = new StreamReader(path);
        await foreach (var bar in ReadAsync(reader, path, cancellationToken).ConfigureAwait(false))
        {
            yield return bar;
        }
    }

    /// <summary>Streams the bars read from <paramref name="reader"/> (not disposed) asynchronously.</summary>
    /// <exception cref="CsvDataException">While enumerating: bad header, or bad rows under <see cref="BadRowPolicy.Fail"/>.</exception>
    public async IAsyncEnumerable<Bar> ReadAsync(TextReader reader, string sourceName, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentException.ThrowIfNullOrEmpty(sourceName);
        var state = new ReadState(this, sourceName);
        using var csv = state.Open(reader);
        await csv.ReadHeaderAsync(cancellationToken).ConfigureAwait(false);
        state.Header();
        while (await csv.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (state.Row() is { } bar)
            {
                yield return bar;
            }
        }

        state.Finish();
    }

    private IEnumerable<Bar> ReadFile(string path)
    {
        using var reader = new StreamReader(path);
        foreach (var bar in ReadCore(reader, path))
        {
            yield return bar;
        }
    }

    private IEnumerable<Bar> ReadCore(TextReader reader, string sourceName)
    {
        var state = new ReadState(this, sourceName);
        using var csv = state.Open(reader);
        csv.ReadHeader();
        state.Header();
        while (csv.Read())
        {
            if (state.Row() is { } bar)
            {
                yield return bar;
            }
        }

        state.Finish();
    }

    /// <summary>Per-read state shared by the synchronous and asynchronous loops.</summary>
    private sealed class ReadState
    {
        private readonly OhlcvCsvReader _owner;
        private readonly string _file;
        private readonly OhlcvRowParser _rows;
        private readonly List<CsvRowError> _failures = [];
        private readonly List<CsvRowError> _rowErrors = [];
        private CsvReader? _csv;
        private long _malformedLine = -1;

        public ReadState(OhlcvCsvReader owner, string file)
        {
            _owner = owner;
            _file = file;
            _rows = new OhlcvRowParser(file, owner._instrument, owner._timeframe);
        }

        public CsvReader Open(TextReader reader)
        {
            var options = CsvReaderOptions.Default with
            {
                Separator = ',',
                HasHeader = true,
                TrackLineNumbers = true,
                SkipEmptyLines = true,
                AllowLineBreaksInQuotes = false,
                MalformedData = CsvMalformedDataHandling.Recover,
                OnMalformedRecord = record => _malformedLine = record.LineNumber,
                FormatProvider = CultureInfo.InvariantCulture,
            };
            _csv = CsvReader.Create(reader, options, true);
            return _csv;
        }

        private CsvReader Csv => _csv ?? throw new InvalidOperationException("Open was not called.");

        public void Header()
        {
            var headers = Csv.Headers;
            var errors = _rows.ReadHeader(headers.Count == 0 ? null : [.. headers], Math.Max(Csv.LineNumber, 1));
            if (errors.Count > 0)
            {
                throw new CsvDataException(_file, errors);
            }
        }

        public Bar? Row()
        {
            var csv = Csv;
            var fields = new string[csv.FieldCount];
            for (int i = 0; i < fields.Length; i++)
            {
                fields[i] = csv.GetString(i);
            }

            _rowErrors.Clear();
            long line = csv.LineNumber;
            var bar = _rows.ReadRow(fields, line, _malformedLine == line, _rowErrors);
            foreach (var error in _rowErrors)
            {
                _owner._onBadRow?.Invoke(error);
                if (_owner._policy == BadRowPolicy.Fail)
                {
                    _failures.Add(error);
                }
            }

            // Under Fail, nothing after the first bad row is yielded.
            return _failures.Count > 0 ? null : bar;
        }

        public void Finish()
        {
            if (_failures.Count > 0)
            {
                throw new CsvDataException(_file, _failures);
            }
        }
    }
}

using TradingRobotPlug.GrainInterfaces.Market;

namespace TradingRobotPlug.Grains.Indicators;

/// <summary>
/// A group of indicators built from a spec string, updated together once per bar, with their values laid out as
/// named columns.
/// </summary>
/// <remarks>
/// <para>Spec: comma-separated items, each a name and ':'-separated arguments (whitespace and name case are
/// ignored). Items and the columns they add, in order:</para>
/// <list type="table">
/// <item><term><c>sma:n</c>, <c>ema:n</c>, <c>wma:n</c>, <c>rsi:n</c>, <c>atr:n</c>, <c>roc:n</c>, <c>stdev:n</c></term>
/// <description><c>sma_n</c>, <c>ema_n</c>, <c>wma_n</c>, <c>rsi_n</c>, <c>atr_n</c>, <c>roc_n</c>, <c>stdev_n</c></description></item>
/// <item><term><c>macd:fast:slow:signal</c></term><description><c>macd</c>, <c>macd_signal</c>, <c>macd_hist</c></description></item>
/// <item><term><c>bbands:n:k</c></term><description><c>bb_lower</c>, <c>bb_middle</c>, <c>bb_upper</c></description></item>
/// <item><term><c>stoch:n:d</c></term><description><c>stoch_k</c>, <c>stoch_d</c></description></item>
/// <item><term><c>donchian:n</c></term><description><c>donchian_high_n</c>, <c>donchian_low_n</c></description></item>
/// <item><term><c>vwap</c></term><description><c>vwap</c></description></item>
/// </list>
/// <para>Periods are integers in [1, 100000]; k is a positive number; macd needs fast &lt; slow. Column names must
/// be unique, so <c>macd</c>, <c>bbands</c> and <c>stoch</c> (whose columns carry no parameters) can appear once.</para>
/// <para>Not thread-safe; deterministic (replaying the same bars rebuilds the same state).</para>
/// </remarks>
public sealed class IndicatorSet
{
    private readonly IReadOnlyList<IndicatorColumnGroup> _groups;
    private readonly string[] _columns;
    private readonly double?[] _values;
    private readonly Dictionary<string, int> _columnIndex;

    private IndicatorSet(IReadOnlyList<IndicatorColumnGroup> groups)
    {
        _groups = groups;
        _columns = groups.SelectMany(g => g.Columns).ToArray();
        _values = new double?[_columns.Length];
        _columnIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < _columns.Length; i++)
        {
            _columnIndex.Add(_columns[i], i);
        }

        Spec = string.Join(",", groups.Select(g => g.Item));
        WarmUpBars = groups.Max(g => g.WarmUpBars);
    }

    /// <summary>The spec in canonical form (lower-case names, no whitespace, numbers re-formatted), e.g. <c>sma:20,bbands:20:2</c>.</summary>
    public string Spec { get; }

    /// <summary>Column names, in spec order.</summary>
    public IReadOnlyList<string> ColumnNames => _columns;

    /// <summary>Bars after which every column has a value (the largest warm-up of the items; 1 for vwap).</summary>
    public int WarmUpBars { get; }

    /// <summary>Bars seen.</summary>
    public long Count { get; private set; }

    /// <summary>Open time of the last bar seen; null before the first.</summary>
    public DateTimeOffset? LastTime { get; private set; }

    /// <summary>True when every column has a value.</summary>
    public bool IsReady => Array.TrueForAll(_values, v => v.HasValue);

    /// <summary>The current value of the column at <paramref name="index"/> (see <see cref="ColumnNames"/>); null while that indicator is not ready.</summary>
    /// <exception cref="IndexOutOfRangeException"><paramref name="index"/> is outside [0, column count).</exception>
    public double? this[int index] => _values[index];

    /// <summary>The current value of the named column; null while that indicator is not ready.</summary>
    /// <exception cref="KeyNotFoundException">No such column.</exception>
    public double? this[string column] =>
        _columnIndex.TryGetValue(column, out var index) ? _values[index] : throw new KeyNotFoundException($"No column '{column}' in indicator set '{Spec}'.");

    /// <summary>Builds a set from a spec string.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="spec"/> is null.</exception>
    /// <exception cref="ArgumentException">The spec is empty or has bad items (unknown name, wrong number of arguments, non-integer or non-positive
    /// period, non-positive k, fast ≥ slow, duplicate column); the message names every offending item.</exception>
    public static IndicatorSet Parse(string spec) => new(IndicatorSpecParser.Parse(spec));

    /// <summary>The index of a column, or −1.</summary>
    public int IndexOf(string column) => _columnIndex.GetValueOrDefault(column, -1);

    /// <summary>A copy of the current values, in column order.</summary>
    public double?[] GetValues() => (double?[])_values.Clone();

    /// <summary>Copies the current values, in column order, into <paramref name="destination"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than the column count.</exception>
    public void CopyValuesTo(Span<double?> destination)
    {
        if (destination.Length < _values.Length)
        {
            throw new ArgumentException($"destination has {destination.Length} slots, {_values.Length} needed.", nameof(destination));
        }

        _values.CopyTo(destination);
    }

    /// <summary>Updates every indicator with a bar (prices and volume converted from decimal to double).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="bar"/> is null.</exception>
    /// <exception cref="ArgumentException">See <see cref="Update(DateTimeOffset, double, double, double, double, double)"/>.</exception>
    public void Update(Bar bar)
    {
        ArgumentNullException.ThrowIfNull(bar);
        Update(bar.OpenTime, (double)bar.Open, (double)bar.High, (double)bar.Low, (double)bar.Close, (double)bar.Volume);
    }

    /// <summary>Updates every indicator with one bar. The bar is checked first, so a rejected bar changes nothing.</summary>
    /// <param name="time">Bar open time; must be later than the previous bar's.</param>
    /// <param name="open">Open price, finite and &gt; 0 (checked, not used by the current indicators).</param>
    /// <param name="high">High price, finite and &gt; 0, ≥ low.</param>
    /// <param name="low">Low price, finite and &gt; 0.</param>
    /// <param name="close">Close price, finite and &gt; 0.</param>
    /// <param name="volume">Volume, finite and ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A price is not finite and positive, or volume is negative or not finite.</exception>
    /// <exception cref="ArgumentException"><paramref name="high"/> &lt; <paramref name="low"/>, or <paramref name="time"/> is not after the previous bar's.</exception>
    public void Update(DateTimeOffset time, double open, double high, double low, double close, double volume)
    {
        Positive(open, nameof(open));
        Positive(high, nameof(high));
        Positive(low, nameof(low));
        Positive(close, nameof(close));
        if (!double.IsFinite(volume) || volume < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(volume), volume, "volume must be a finite number ≥ 0.");
        }

        if (high < low)
        {
            throw new ArgumentException($"high ({high}) is below low ({low}).", nameof(high));
        }

        if (time <= LastTime)
        {
            throw new ArgumentException($"bar time {time:O} is not after the previous bar's {LastTime:O}.", nameof(time));
        }

        var input = new IndicatorInput(time, high, low, close, volume);
        var offset = 0;
        foreach (var group in _groups)
        {
            group.Update(input);
            group.Write(_values.AsSpan(offset, group.Columns.Length));
            offset += group.Columns.Length;
        }

        Count++;
        LastTime = time;
    }

    private static void Positive(double value, string name)
    {
        if (!double.IsFinite(value) || value <= 0)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite number > 0.");
        }
    }
}

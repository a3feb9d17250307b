namespace TradingRobotPlug.Grains.Indicators;

/// <summary>One item of an indicator spec: an indicator plus the columns it contributes to an <see cref="IndicatorSet"/>.</summary>
internal sealed class IndicatorColumnGroup
{
    private readonly Action<IndicatorInput> _update;
    private readonly Func<double?>[] _readers;

    /// <summary>Creates a group.</summary>
    /// <param name="item">Canonical spec item, e.g. <c>macd:12:26:9</c>.</param>
    /// <param name="columns">Column names, in output order.</param>
    /// <param name="warmUpBars">Bars until every column has a value.</param>
    /// <param name="update">Feeds one bar to the indicator.</param>
    /// <param name="readers">Reads each column's current value, same order as <paramref name="columns"/>.</param>
    public IndicatorColumnGroup(string item, string[] columns, int warmUpBars, Action<IndicatorInput> update, Func<double?>[] readers)
    {
        Item = item;
        Columns = columns;
        WarmUpBars = warmUpBars;
        _update = update;
        _readers = readers;
    }

    public string Item { get; }

    public string[] Columns { get; }

    public int WarmUpBars { get; }

    public void Update(in IndicatorInput input) => _update(input);

    public void Write(Span<double?> destination)
    {
        for (var i = 0; i < _readers.Length; i++)
        {
            destination[i] = _readers[i]();
        }
    }
}

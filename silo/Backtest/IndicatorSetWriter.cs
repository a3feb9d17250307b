using System.Globalization;
using System.Text;
using TradingRobotPlug.GrainInterfaces.Market;
using TradingRobotPlug.Grains.Indicators;

namespace TradingRobotPlug.Silo.Backtest;

/// <summary>Computes an indicator set over the replayed bars and writes <c>indicators.csv</c> (empty where not ready).</summary>
internal sealed class IndicatorSetWriter(string spec)
{
    private readonly IndicatorSet _set = IndicatorSet.Parse(spec);
    private readonly StringBuilder _rows = new();

    public void AddRange(IEnumerable<Bar> bars)
    {
        foreach (var bar in bars)
        {
            _set.Update(bar);
            _rows.Append(bar.OpenTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            foreach (var value in _set.GetValues())
            {
                _rows.Append(',');
                if (value is { } v)
                {
                    _rows.Append(v.ToString("R", CultureInfo.InvariantCulture));
                }
            }

            _rows.Append('\n');
        }
    }

    public void Write(string path)
        => File.WriteAllText(path, "date," + string.Join(',', _set.ColumnNames) + "\n" + _rows);
}

using TradingRobotPlug.GrainInterfaces.Strategies;
using TradingRobotPlug.GrainInterfaces.Trading;

namespace TradingRobotPlug.Grains.Experiments;

/// <summary>
/// One arm of an experiment: turns the arm strategy's equity marks into closed trading days (date, end-of-day equity)
/// waiting to be paired, and keeps the arm's figures over the paired dates. O(1) per mark; the queue of closed but not
/// yet paired days only holds the days this arm is ahead of the other one.
/// </summary>
internal sealed class ExperimentArm
{
    private readonly Queue<(DateOnly Date, decimal Close)> _closed = new();
    private DateTimeOffset? _lastTime;
    private DateOnly _openDate;
    private decimal _openClose;
    private bool _hasOpenDay;

    /// <summary>Creates the arm of <paramref name="strategy"/> with its starting capital (&gt; 0).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The capital is not positive.</exception>
    public ExperimentArm(StrategyId strategy, decimal initialCapital)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(initialCapital);
        Strategy = strategy;
        InitialCapital = initialCapital;
        PairedClose = initialCapital;
        Peak = initialCapital;
    }

    /// <summary>The arm's strategy.</summary>
    public StrategyId Strategy { get; }

    /// <summary>Starting capital, the base of the first daily return.</summary>
    public decimal InitialCapital { get; }

    /// <summary>End-of-day equity on the last paired date (the capital before the first).</summary>
    public decimal PairedClose { get; private set; }

    /// <summary>Running peak of the paired end-of-day equity, starting at the capital.</summary>
    public decimal Peak { get; private set; }

    /// <summary>Largest fall from <see cref="Peak"/> as a fraction; 0 before any fall.</summary>
    public double MaxDrawdown { get; private set; }

    /// <summary>Time of the last mark taken; marks at or before it are repeats and are ignored.</summary>
    public DateTimeOffset? LastMarkTime => _lastTime;

    /// <summary>Closed days waiting for the other arm, oldest first.</summary>
    public Queue<(DateOnly Date, decimal Close)> Closed => _closed;

    /// <summary>Takes one mark; false when it is a repeat (not after the last mark) and was ignored.</summary>
    public bool Add(EquityPoint point)
    {
        if (_lastTime is { } last && point.Time <= last)
        {
            return false;
        }

        _lastTime = point.Time;
        var date = TradingDates.Of(point.Time);
        if (_hasOpenDay && date != _openDate)
        {
            _closed.Enqueue((_openDate, _openClose));
        }

        _openDate = date;
        _openClose = point.Equity;
        _hasOpenDay = true;
        return true;
    }

    /// <summary>Closes the open day (its last mark is its close), e.g. when the experiment stops.</summary>
    public void CloseOpenDay()
    {
        if (_hasOpenDay)
        {
            _closed.Enqueue((_openDate, _openClose));
            _hasOpenDay = false;
        }
    }

    /// <summary>Takes the next paired day's close: returns its daily return against the previous paired close and updates the drawdown.</summary>
    /// <exception cref="InvalidOperationException">The previous paired close is not positive (the return is undefined).</exception>
    public double Pair(decimal close)
    {
        if (PairedClose <= 0)
        {
            throw new InvalidOperationException($"Strategy {Strategy}'s end-of-day equity fell to {PairedClose}; its next daily return is undefined.");
        }

        double r = (double)(close / PairedClose - 1m);
        PairedClose = close;
        if (close > Peak)
        {
            Peak = close;
        }
        else if (Peak > 0)
        {
            MaxDrawdown = Math.Max(MaxDrawdown, (double)(1m - close / Peak));
        }

        return r;
    }
}

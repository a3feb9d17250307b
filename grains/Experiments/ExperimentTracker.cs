using TradingRobotPlug.GrainInterfaces.Experiments;
using TradingRobotPlug.GrainInterfaces.Strategies;
using TradingRobotPlug.GrainInterfaces.Trading;
using TradingRobotPlug.Grains.Metrics;

namespace TradingRobotPlug.Grains.Experiments;

/// <summary>
/// The incremental state of an experiment: both arms' equity marks in, paired daily returns out, folded into
/// <see cref="PairedReturnStatistics"/>. O(1) amortised per mark; no history is kept beyond the closed days one arm is
/// ahead of the other (arms can be at different simulated times).
/// </summary>
/// <remarks>
/// A trading date (<see cref="TradingDates.Of"/>) closes for an arm at its first mark of a later date (or when
/// <see cref="CloseOpenDays"/> is called at the end); the date's close is its last mark. A date enters the paired series
/// once both arms have closed it; each arm's daily return is its close on that date over its close on the previous
/// paired date (the starting capital for the first), so the returns are those of the other metrics whenever both arms
/// mark the same dates. A date closed by one arm only (the other has a later date first) is dropped and counted in
/// <see cref="ExperimentResult.UnpairedDays"/>.
/// </remarks>
public sealed class ExperimentTracker
{
    private readonly ExperimentArm _control;
    private readonly ExperimentArm _treatment;
    private readonly PairedReturnStatistics _statistics = new();
    private DateOnly? _firstDate;
    private DateOnly? _lastDate;
    private long _unpaired;

    /// <summary>Creates the tracker of two arms with their starting capitals (each &gt; 0).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A capital is not positive.</exception>
    public ExperimentTracker(StrategyId control, decimal controlCapital, StrategyId treatment, decimal treatmentCapital)
    {
        _control = new ExperimentArm(control, controlCapital);
        _treatment = new ExperimentArm(treatment, treatmentCapital);
    }

    /// <summary>The running statistics of the paired returns.</summary>
    public PairedReturnStatistics Statistics => _statistics;

    /// <summary>The control arm's last mark time taken, null before its first.</summary>
    public DateTimeOffset? ControlLastMark => _control.LastMarkTime;

    /// <summary>The treatment arm's last mark time taken, null before its first.</summary>
    public DateTimeOffset? TreatmentLastMark => _treatment.LastMarkTime;

    /// <summary>
    /// Takes one arm's marks in time order (repeats, i.e. points not after the arm's last one, are ignored); returns
    /// how many dates entered the paired series.
    /// </summary>
    /// <param name="treatment">True for the treatment arm, false for the control.</param>
    /// <param name="points">Equity points of that arm, in time order.</param>
    public int Add(bool treatment, IEnumerable<EquityPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var arm = treatment ? _treatment : _control;
        foreach (var p in points)
        {
            arm.Add(p);
        }

        return PairReady();
    }

    /// <summary>Closes both arms' open days (their last marks are the closes) and pairs what can be paired; returns how many dates entered.</summary>
    public int CloseOpenDays()
    {
        _control.CloseOpenDay();
        _treatment.CloseOpenDay();
        return PairReady();
    }

    /// <summary>The figures so far; O(1).</summary>
    public ExperimentResult Result()
    {
        var s = _statistics;
        return new ExperimentResult(
            s.Count,
            _firstDate,
            _lastDate,
            _unpaired,
            Arm(_control, s.DailySharpeControl),
            Arm(_treatment, s.DailySharpeTreatment),
            s.MeanDifference,
            s.ConfidenceLow,
            s.ConfidenceHigh,
            s.T,
            s.PValue,
            s.SharpeDifferenceZ,
            s.SharpeDifferenceP,
            s.DaysNeeded);
    }

    private ExperimentArmResult Arm(ExperimentArm arm, double? dailySharpe)
    {
        bool any = _statistics.Count > 0;
        return new ExperimentArmResult(
            arm.Strategy,
            arm.InitialCapital,
            arm.PairedClose,
            any ? (double)(arm.PairedClose / arm.InitialCapital - 1m) : null,
            dailySharpe,
            dailySharpe * Math.Sqrt(MetricsConventions.TradingDaysPerYear),
            any ? arm.MaxDrawdown : null);
    }

    private int PairReady()
    {
        int added = 0;
        var c = _control.Closed;
        var t = _treatment.Closed;
        while (c.Count > 0 && t.Count > 0)
        {
            var (cd, cc) = c.Peek();
            var (td, tc) = t.Peek();
            if (cd < td)
            {
                c.Dequeue();
                _unpaired++;
                continue;
            }

            if (td < cd)
            {
                t.Dequeue();
                _unpaired++;
                continue;
            }

            c.Dequeue();
            t.Dequeue();
            _statistics.Add(_control.Pair(cc), _treatment.Pair(tc));
            _firstDate ??= cd;
            _lastDate = cd;
            added++;
        }

        return added;
    }
}

namespace TradingRobotPlug.Grains.MarketData;

/// <summary>
/// Decides when a running strategy has lost bar events that nothing later would reveal (events lost at the end of a
/// replay): at each periodic check it compares the instrument's newest bar with the last one the strategy accounted
/// for. Behind at two checks in a row with no delivery in between (<see cref="QuietChecksNeeded"/> quiet checks after
/// the first, 1 at the start) means lost, and the strategy backfills from the durable history. When the first delivery
/// after a backfill holds bars the backfill was for, they were only late (a loaded cluster), so the backfill was
/// premature: the watch then needs twice as many quiet checks before the next one, up to <see cref="MaxQuietChecks"/>.
/// A delivery that starts after the backfilled bars confirms they were lost and changes nothing.
/// </summary>
/// <remarks>Not thread-safe: one grain activation owns it. Call <see cref="Check"/>, then <see cref="Checked"/> once
/// the backfill it asked for (if any) is done, so that deliveries during the backfill count as before the check.</remarks>
public sealed class LostBarWatch
{
    /// <summary>The most quiet checks waited before a backfill (with a 5 s check period, 60 s).</summary>
    public const int MaxQuietChecks = 12;

    private long _deliveries;
    private long _deliveriesAtCheck = -1;
    private bool _behindAtCheck;
    private bool _behind;
    private int _quietChecks;

    /// <summary>Quiet checks (behind, no delivery since the previous check) needed before a backfill: 1, doubled after each premature one, at most <see cref="MaxQuietChecks"/>.</summary>
    public int QuietChecksNeeded { get; private set; } = 1;

    /// <summary>The instrument's newest bar (open time) when the last backfill was decided, until the next delivery of the strategy's bars; null otherwise.</summary>
    public DateTimeOffset? BackfilledThrough { get; private set; }

    /// <summary>
    /// Records a delivery on the bar stream. <paramref name="firstOpen"/> is the open time of its first bar when the
    /// batch is of the strategy's timeframe (null for other batches, which only count as a delivery).
    /// </summary>
    /// <returns>True when the delivery shows that the last backfill was premature (its bars were late, not lost) and
    /// <see cref="QuietChecksNeeded"/> was doubled.</returns>
    public bool Delivered(DateTimeOffset? firstOpen)
    {
        _deliveries++;
        if (firstOpen is not { } first || BackfilledThrough is not { } through)
        {
            return false;
        }

        BackfilledThrough = null;
        if (first > through || QuietChecksNeeded >= MaxQuietChecks)
        {
            return false;
        }

        QuietChecksNeeded = Math.Min(QuietChecksNeeded * 2, MaxQuietChecks);
        return true;
    }

    /// <summary>
    /// One periodic check: whether to backfill now.
    /// </summary>
    /// <param name="newestOpen">Open time of the instrument's newest bar; null when it has none.</param>
    /// <param name="seenOpen">Open time of the newest bar the strategy accounted for (processed, or skipped while paused or stopped); null when none.</param>
    /// <returns>True when the strategy has been behind with no delivery for <see cref="QuietChecksNeeded"/> checks after the first: backfill, then call <see cref="Checked"/>.</returns>
    public bool Check(DateTimeOffset? newestOpen, DateTimeOffset? seenOpen)
    {
        _behind = newestOpen is { } newest && (seenOpen is null || newest > seenOpen);
        bool quiet = _deliveries == _deliveriesAtCheck;
        _quietChecks = _behind && quiet && _behindAtCheck ? _quietChecks + 1 : 0;
        if (_quietChecks < QuietChecksNeeded)
        {
            return false;
        }

        _quietChecks = 0;
        BackfilledThrough = newestOpen;
        return true;
    }

    /// <summary>Ends the check begun by <see cref="Check"/>: deliveries so far count as before it.</summary>
    public void Checked()
    {
        _behindAtCheck = _behind;
        _deliveriesAtCheck = _deliveries;
    }
}

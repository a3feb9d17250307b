namespace TradingRobotPlug.Benchmarks.Measurement;

/// <summary>
/// What benchmark grains report to the benchmark driver: a progress counter and a latency histogram per worker
/// (driver grain or stream subscriber), and whether latencies are being recorded. A singleton of the silo under
/// test, injected into benchmark grains by constructor; a fresh silo (and probe) is started for every run.
/// </summary>
public sealed class BenchProbe
{
    private volatile bool _recording;
    private volatile bool _stopping;
    private long _orderViolations;

    /// <summary>Creates a probe for <paramref name="workers"/> workers.</summary>
    public BenchProbe(int workers)
    {
        Counters = new ProgressCounters(workers);
        Histograms = new LatencyHistogram[workers];
        for (int i = 0; i < workers; i++)
        {
            Histograms[i] = new LatencyHistogram();
        }
    }

    /// <summary>Per-worker progress.</summary>
    public ProgressCounters Counters { get; }

    /// <summary>Per-worker latencies (in <see cref="System.Diagnostics.Stopwatch"/> ticks).</summary>
    public LatencyHistogram[] Histograms { get; }

    /// <summary>Whether workers record latencies now (false during warm-up).</summary>
    public bool Recording
    {
        get => _recording;
        set => _recording = value;
    }

    /// <summary>Whether workers should stop at their next opportunity.</summary>
    public bool Stopping
    {
        get => _stopping;
        set => _stopping = value;
    }

    /// <summary>Items a stream subscriber received out of production order (must stay zero).</summary>
    public long OrderViolations => Interlocked.Read(ref _orderViolations);

    /// <summary>Reports an item received out of order.</summary>
    public void ReportOrderViolation() => Interlocked.Increment(ref _orderViolations);

    /// <summary>All workers' latencies merged (read once workers have stopped recording).</summary>
    public LatencyHistogram MergedHistogram()
    {
        var merged = new LatencyHistogram();
        foreach (var h in Histograms)
        {
            merged.Add(h);
        }

        return merged;
    }
}

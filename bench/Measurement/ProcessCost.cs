using System.Diagnostics;

namespace TradingRobotPlug.Benchmarks.Measurement;

/// <summary>
/// What the process spent over an interval: CPU time (user + kernel, all threads) and garbage collections. Start
/// with <see cref="Start"/>, end with <see cref="Stop"/>. (Allocations are counted by <see cref="AllocationListener"/>:
/// <see cref="GC.GetTotalAllocatedBytes(bool)"/> is not monotonic under server GC's dynamic heap count.)
/// </summary>
/// <param name="CpuTime">Processor time used.</param>
/// <param name="Gen0">Generation-0 collections.</param>
/// <param name="Gen2">Generation-2 collections.</param>
public sealed record ProcessCost(TimeSpan CpuTime, int Gen0, int Gen2)
{
    /// <summary>Takes the starting readings.</summary>
    public static ProcessCost Start() => new(Process.GetCurrentProcess().TotalProcessorTime, GC.CollectionCount(0), GC.CollectionCount(2));

    /// <summary>The cost since this starting reading.</summary>
    public ProcessCost Stop()
    {
        var now = Start();
        return new ProcessCost(now.CpuTime - CpuTime, now.Gen0 - Gen0, now.Gen2 - Gen2);
    }

    /// <summary>CPU nanoseconds per operation.</summary>
    public double CpuNanosPer(long operations) => operations == 0 ? double.NaN : CpuTime.TotalNanoseconds / operations;
}

using System.Diagnostics;

namespace TradingRobotPlug.Benchmarks.Measurement;

/// <summary>
/// What the process spent over an interval: CPU time (user + kernel, all threads), bytes allocated on the managed
/// heap (all threads), and garbage collections. Start with <see cref="Start"/>, end with <see cref="Stop"/>.
/// </summary>
/// <param name="CpuTime">Processor time used.</param>
/// <param name="AllocatedBytes">Managed bytes allocated.</param>
/// <param name="Gen0">Generation-0 collections.</param>
/// <param name="Gen2">Generation-2 collections.</param>
public sealed record ProcessCost(TimeSpan CpuTime, long AllocatedBytes, int Gen0, int Gen2)
{
    /// <summary>Takes the starting readings.</summary>
    public static ProcessCost Start() => new(
        Process.GetCurrentProcess().TotalProcessorTime,
        GC.GetTotalAllocatedBytes(precise: true),
        GC.CollectionCount(0),
        GC.CollectionCount(2));

    /// <summary>The cost since this starting reading.</summary>
    public ProcessCost Stop()
    {
        var now = Start();
        return new ProcessCost(now.CpuTime - CpuTime, now.AllocatedBytes - AllocatedBytes, now.Gen0 - Gen0, now.Gen2 - Gen2);
    }

    /// <summary>CPU nanoseconds per operation.</summary>
    public double CpuNanosPer(long operations) => operations == 0 ? double.NaN : CpuTime.TotalNanoseconds / operations;

    /// <summary>Allocated bytes per operation.</summary>
    public double BytesPer(long operations) => operations == 0 ? double.NaN : (double)AllocatedBytes / operations;
}

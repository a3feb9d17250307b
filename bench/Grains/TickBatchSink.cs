using System.Collections.Immutable;
using System.Diagnostics;
using TradingRobotPlug.Benchmarks.Measurement;

namespace TradingRobotPlug.Benchmarks.Grains;

/// <summary>
/// What a stream subscriber of the benchmark does with one stream event (a batch of <see cref="BenchTick"/>s): checks
/// production order, samples end-to-end latency from the stamped items and counts the items in its probe slot.
/// </summary>
internal struct TickBatchSink
{
    private long _expected;

    /// <summary>Handles one event for probe slot <paramref name="slot"/>.</summary>
    public void OnBatch(BenchProbe probe, int slot, ImmutableArray<BenchTick> items)
    {
        bool recording = probe.Recording;
        long now = 0;
        foreach (var item in items)
        {
            if (item.Sequence != _expected)
            {
                probe.ReportOrderViolation();
            }

            _expected = item.Sequence + 1;
            if (item.SentTimestamp != 0 && recording)
            {
                if (now == 0)
                {
                    now = Stopwatch.GetTimestamp();
                }

                probe.Histograms[slot].Record(now - item.SentTimestamp);
            }
        }

        probe.Counters.Add(slot, items.Length);
    }
}

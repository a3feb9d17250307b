using System.Diagnostics;
using TradingRobotPlug.Benchmarks.Measurement;

namespace TradingRobotPlug.Benchmarks.Grains;

/// <summary>
/// Calls ping grains one after another from inside its turns and reports its progress and sampled latencies to
/// the <see cref="BenchProbe"/> slot given by its key.
/// </summary>
[GrainType("bench-driver")]
public sealed class DriverGrain(BenchProbe probe) : Grain, IDriverGrain
{
    private IPingGrain[]? _targets;
    private uint _random;

    /// <inheritdoc/>
    public async Task<int> Run(int calls, int targets)
    {
        int slot = (int)this.GetPrimaryKeyLong();
        if (_targets is null || _targets.Length != targets)
        {
            _targets = new IPingGrain[targets];
            for (int i = 0; i < targets; i++)
            {
                _targets[i] = GrainFactory.GetGrain<IPingGrain>(i);
            }

            _random = (uint)(slot * 2654435761u) | 1;
        }

        var histogram = probe.Histograms[slot];
        int made = 0;
        for (; made < calls && !probe.Stopping; made++)
        {
            _random ^= _random << 13;
            _random ^= _random >> 17;
            _random ^= _random << 5;
            var target = _targets[_random % (uint)targets];
            if ((made & 15) == 0 && probe.Recording)
            {
                long start = Stopwatch.GetTimestamp();
                await target.Ping(made);
                histogram.Record(Stopwatch.GetTimestamp() - start);
            }
            else
            {
                await target.Ping(made);
            }

            probe.Counters.Add(slot, 1);
        }

        return made;
    }
}

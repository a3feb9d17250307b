namespace TradingRobotPlug.Benchmarks.Grains;

/// <summary>The stream payload: a small immutable struct carrying its send time, so subscribers can measure
/// end-to-end latency.</summary>
/// <param name="SentTimestamp">When the producer published it (<see cref="System.Diagnostics.Stopwatch.GetTimestamp"/>); 0 when not sampled.</param>
/// <param name="Sequence">The producer's sequence number on its stream.</param>
public readonly record struct BenchTick(long SentTimestamp, long Sequence);

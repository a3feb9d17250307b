namespace TradingRobotPlug.Benchmarks.Grains;

/// <summary>The stream payload: a small immutable struct carrying its send time, so subscribers can measure
/// end-to-end latency.</summary>
/// <param name="SentTimestamp">When the producer published it (<see cref="System.Diagnostics.Stopwatch.GetTimestamp"/>); 0 when not sampled.</param>
/// <param name="Sequence">The producer's sequence number on its stream.</param>
[GenerateSerializer, Immutable, Alias("bench.BenchTick")]
public readonly record struct BenchTick([property: Id(0)] long SentTimestamp, [property: Id(1)] long Sequence);

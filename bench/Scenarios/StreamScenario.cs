using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using TradingRobotPlug.Benchmarks.Grains;
using TradingRobotPlug.Benchmarks.Hosting;
using TradingRobotPlug.Benchmarks.Measurement;

namespace TradingRobotPlug.Benchmarks.Scenarios;

/// <summary>
/// Orleans memory streams (the product's provider: 10 ms pull period, 100 events per delivery batch) carrying
/// <see cref="BenchTick"/>s from host-code producers to subscriber grains: either 100 streams × 1 implicit subscriber,
/// or 1 stream × 100 explicit subscribers. Every publish is ONE stream event carrying up to
/// <see cref="BenchmarkOptions.StreamBatch"/> ticks (as the product publishes bar and tick batches); rates count ticks.
/// Two kinds of run: producers as fast as the bound on what is in flight lets them (deliveries/s; latency sampled from
/// every 16th tick), and one producer paced at a given rate (end-to-end latency of every tick). Every subscriber checks
/// that ticks arrive in production order.
/// <para>
/// Orleans' memory-stream queues have no backpressure and reject a publish beyond 16,384 queued events per queue, so
/// the producers bound what is in flight themselves: at most one outstanding publish per stream (awaited, which also
/// keeps each stream's events in order) and at most <see cref="InFlightItems"/> ticks of a stream published but not
/// yet delivered to its slowest subscriber.
/// </para>
/// </summary>
public static class StreamScenario
{
    /// <summary>Streams (100×1) or subscribers (1×100).</summary>
    public const int Width = 100;

    /// <summary>The delivery rate target of the max-rate runs.</summary>
    public const double TargetRate = 1_000_000;

    /// <summary>The p99 latency target (ms) of the paced runs.</summary>
    public const double TargetP99Ms = 10;

    /// <summary>The name of a shape in result tables.</summary>
    public static string Describe(StreamShape shape) => shape == StreamShape.ManyStreams ? "100 streams × 1 subscriber" : "1 stream × 100 subscribers";

    /// <summary>Ticks of one stream allowed in flight (published, not yet delivered to every subscriber).</summary>
    public static int InFlightItems(StreamShape shape, int batch) => shape == StreamShape.ManyStreams ? Math.Max(256, 4 * batch) : Math.Max(2_048, 16 * batch);

    /// <summary>Producers publish as fast as the in-flight bound lets them.</summary>
    public static async Task<ScenarioResult> RunMaxRateAsync(StreamShape shape, BenchmarkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var probe = new BenchProbe(Width);
        await using var silo = await BenchSilo.StartAsync(probe);
        var streams = await SetUpAsync(silo, shape);
        var sequences = new long[streams.Length];
        var producer = Task.Run(() => ProduceAsync(shape, streams, sequences, options.StreamBatch, probe));
        var window = await MeasurementWindow.MeasureAsync(probe, options.Warmup, options.Duration);
        probe.Stopping = true;
        await producer;
        bool drained = await DrainAsync(probe, sequences.Sum() * SubscribersPerItem(shape));

        var latency = probe.MergedHistogram();
        long violations = probe.OrderViolations;
        return new ScenarioResult(
            $"streams, {Describe(shape)}, max rate, {options.StreamBatch} tick{(options.StreamBatch == 1 ? string.Empty : "s")}/event",
            window.Rate,
            "deliveries/s",
            latency.PercentileMilliseconds(50),
            latency.PercentileMilliseconds(99),
            string.Create(CultureInfo.InvariantCulture, $"1 producer, ≤ {InFlightItems(shape, options.StreamBatch):N0} ticks in flight per stream; slowest subscriber {window.Slowest:N0}; out of order {violations}{(drained ? string.Empty : "; NOT DRAINED")}"),
            "≥ 1,000,000 deliveries/s",
            window.Rate >= TargetRate && violations == 0 && drained).WithCost(window);
    }

    /// <summary>One producer publishes at <paramref name="deliveriesPerSecond"/> in total (≈1 ms bursts; the ticks due
    /// on a stream in a burst go out as one event of at most <see cref="BenchmarkOptions.StreamBatch"/>).</summary>
    public static async Task<ScenarioResult> RunPacedAsync(StreamShape shape, double deliveriesPerSecond, BenchmarkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var probe = new BenchProbe(Width);
        await using var silo = await BenchSilo.StartAsync(probe);
        var streams = await SetUpAsync(silo, shape);
        var sequences = new long[streams.Length];
        double itemsPerSecond = deliveriesPerSecond / SubscribersPerItem(shape);
        var producer = Task.Run(() => ProducePacedAsync(streams, sequences, itemsPerSecond, options.StreamBatch, probe));
        var window = await MeasurementWindow.MeasureAsync(probe, options.Warmup, options.Duration);
        probe.Stopping = true;
        await producer;
        bool drained = await DrainAsync(probe, sequences.Sum() * SubscribersPerItem(shape));

        var latency = probe.MergedHistogram();
        var p99 = latency.PercentileMilliseconds(99);
        long violations = probe.OrderViolations;
        return new ScenarioResult(
            $"streams, {Describe(shape)}, paced at {deliveriesPerSecond:N0}/s, ≤ {options.StreamBatch} tick{(options.StreamBatch == 1 ? string.Empty : "s")}/event",
            window.Rate,
            "deliveries/s",
            latency.PercentileMilliseconds(50),
            p99,
            string.Create(CultureInfo.InvariantCulture, $"end-to-end latency of every tick; out of order {violations}{(drained ? string.Empty : "; NOT DRAINED")}"),
            "p99 < 10 ms at half the max rate",
            p99 < TargetP99Ms && violations == 0 && drained).WithCost(window);
    }

    private static int SubscribersPerItem(StreamShape shape) => shape == StreamShape.ManyStreams ? 1 : Width;

    private static async Task<IAsyncStream<ImmutableArray<BenchTick>>[]> SetUpAsync(BenchSilo silo, StreamShape shape)
    {
        if (shape == StreamShape.ManyStreams)
        {
            return Enumerable.Range(0, Width)
                .Select(i => silo.Streams.GetStream<ImmutableArray<BenchTick>>(StreamId.Create(StreamNamespaces.Implicit, i.ToString(CultureInfo.InvariantCulture))))
                .ToArray();
        }

        await Task.WhenAll(Enumerable.Range(0, Width).Select(i => silo.Client.GetGrain<IFanOutSinkGrain>(i).Subscribe("0")));
        return [silo.Streams.GetStream<ImmutableArray<BenchTick>>(StreamId.Create(StreamNamespaces.FanOut, "0"))];
    }

    /// <summary>Ticks of stream <paramref name="stream"/> delivered to its slowest subscriber.</summary>
    private static long Delivered(BenchProbe probe, StreamShape shape, int stream) => shape == StreamShape.ManyStreams ? probe.Counters.Read(stream) : probe.Counters.Min();

    // At max rate only every 16th tick carries a timestamp; subscribers sample latency from the stamped ones. Each
    // round publishes one event on every stream that is under its in-flight bound, all concurrently, and awaits them.
    private static async Task ProduceAsync(StreamShape shape, IAsyncStream<ImmutableArray<BenchTick>>[] streams, long[] sequences, int batch, BenchProbe probe)
    {
        int cap = InFlightItems(shape, batch);
        var pending = new List<Task>(streams.Length);
        var buffer = new BenchTick[batch];
        while (!probe.Stopping)
        {
            pending.Clear();
            for (int i = 0; i < streams.Length; i++)
            {
                if (sequences[i] - Delivered(probe, shape, i) + batch > cap)
                {
                    continue;
                }

                long stamp = Stopwatch.GetTimestamp();
                for (int k = 0; k < batch; k++)
                {
                    long sequence = sequences[i]++;
                    buffer[k] = new BenchTick((sequence & 15) == 0 ? stamp : 0, sequence);
                }

                var publish = streams[i].OnNextAsync(ImmutableArray.Create(buffer));
                if (!publish.IsCompletedSuccessfully)
                {
                    pending.Add(publish);
                }
            }

            if (pending.Count > 0)
            {
                await Task.WhenAll(pending);
            }
            else
            {
                await Task.Delay(1);
            }
        }
    }

    private static async Task ProducePacedAsync(IAsyncStream<ImmutableArray<BenchTick>>[] streams, long[] sequences, double itemsPerSecond, int batch, BenchProbe probe)
    {
        long start = Stopwatch.GetTimestamp();
        long sent = 0;
        int next = 0;
        var due = new List<BenchTick>[streams.Length];
        for (int i = 0; i < due.Length; i++)
        {
            due[i] = [];
        }

        var pending = new List<Task>(streams.Length);
        while (!probe.Stopping)
        {
            long dueNow = (long)(Stopwatch.GetElapsedTime(start).TotalSeconds * itemsPerSecond);
            long stamp = Stopwatch.GetTimestamp();
            for (; sent < dueNow; sent++)
            {
                int i = next;
                next = next + 1 == streams.Length ? 0 : next + 1;
                due[i].Add(new BenchTick(stamp, sequences[i]++));
            }

            pending.Clear();
            for (int i = 0; i < streams.Length; i++)
            {
                if (due[i].Count > 0)
                {
                    pending.Add(PublishChunksAsync(streams[i], [.. due[i]], batch));
                    due[i].Clear();
                }
            }

            await Task.WhenAll(pending);
            await Task.Delay(1);
        }
    }

    private static async Task PublishChunksAsync(IAsyncStream<ImmutableArray<BenchTick>> stream, BenchTick[] items, int batch)
    {
        for (int from = 0; from < items.Length; from += batch)
        {
            await stream.OnNextAsync(ImmutableArray.Create(items, from, Math.Min(batch, items.Length - from)));
        }
    }

    private static async Task<bool> DrainAsync(BenchProbe probe, long expected)
    {
        var deadline = Stopwatch.GetTimestamp() + (30 * Stopwatch.Frequency);
        while (probe.Counters.Total() < expected)
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                return false;
            }

            await Task.Delay(10);
        }

        return true;
    }
}

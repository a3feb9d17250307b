using System.Diagnostics;
using System.Globalization;
using TradingRobotPlug.Benchmarks.Grains;
using TradingRobotPlug.Benchmarks.Hosting;
using TradingRobotPlug.Benchmarks.Measurement;

namespace TradingRobotPlug.Benchmarks.Scenarios;

/// <summary>
/// Memory streams carrying <see cref="BenchTick"/>s from host-code producers to subscriber grains: either 100
/// streams × 1 implicit subscriber, or 1 stream × 100 explicit subscribers. Two kinds of run: producers as fast as
/// backpressure lets them (deliveries/s; latency sampled from every 16th item), and one producer paced at a given
/// rate (end-to-end latency of every item). Every subscriber checks that items arrive in production order.
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

    /// <summary>Producers publish as fast as the streams accept items.</summary>
    public static async Task<ScenarioResult> RunMaxRateAsync(StreamShape shape, BenchmarkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var probe = new BenchProbe(Width);
        await using var silo = await BenchSilo.StartAsync(probe);
        var streams = await SetUpAsync(silo, shape);
        var sequences = new long[streams.Length];
        int producers = shape == StreamShape.ManyStreams ? 2 : 1;
        var loops = Enumerable.Range(0, producers).Select(p => Task.Run(() => ProduceAsync(streams, p, producers, sequences, probe))).ToArray();
        var window = await MeasurementWindow.MeasureAsync(probe, options.Warmup, options.Duration);
        probe.Stopping = true;
        await Task.WhenAll(loops);
        bool drained = await DrainAsync(probe, sequences.Sum() * SubscribersPerItem(shape));

        var latency = probe.MergedHistogram();
        long violations = probe.OrderViolations;
        return new ScenarioResult(
            $"streams, {Describe(shape)}, max rate",
            window.Rate,
            "deliveries/s",
            latency.PercentileMilliseconds(50),
            latency.PercentileMilliseconds(99),
            string.Create(CultureInfo.InvariantCulture, $"{producers} producer{(producers == 1 ? string.Empty : "s")}; slowest subscriber {window.Slowest:N0}; out of order {violations}{(drained ? string.Empty : "; NOT DRAINED")}"),
            "≥ 1,000,000 deliveries/s",
            window.Rate >= TargetRate && violations == 0 && drained).WithCost(window);
    }

    /// <summary>One producer publishes at <paramref name="deliveriesPerSecond"/> in total (≈1 ms bursts).</summary>
    public static async Task<ScenarioResult> RunPacedAsync(StreamShape shape, double deliveriesPerSecond, BenchmarkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var probe = new BenchProbe(Width);
        await using var silo = await BenchSilo.StartAsync(probe);
        var streams = await SetUpAsync(silo, shape);
        var sequences = new long[streams.Length];
        double itemsPerSecond = deliveriesPerSecond / SubscribersPerItem(shape);
        var producer = new Thread(() => ProducePaced(streams, sequences, itemsPerSecond, probe)) { IsBackground = true, Name = "paced producer" };
        producer.Start();
        var window = await MeasurementWindow.MeasureAsync(probe, options.Warmup, options.Duration);
        probe.Stopping = true;
        producer.Join();
        bool drained = await DrainAsync(probe, sequences.Sum() * SubscribersPerItem(shape));

        var latency = probe.MergedHistogram();
        var p99 = latency.PercentileMilliseconds(99);
        long violations = probe.OrderViolations;
        return new ScenarioResult(
            $"streams, {Describe(shape)}, paced at {deliveriesPerSecond:N0}/s",
            window.Rate,
            "deliveries/s",
            latency.PercentileMilliseconds(50),
            p99,
            string.Create(CultureInfo.InvariantCulture, $"end-to-end latency of every item; out of order {violations}{(drained ? string.Empty : "; NOT DRAINED")}"),
            "p99 < 10 ms at half the max rate",
            p99 < TargetP99Ms && violations == 0 && drained).WithCost(window);
    }

    private static int SubscribersPerItem(StreamShape shape) => shape == StreamShape.ManyStreams ? 1 : Width;

    private static async Task<IAsyncStream<BenchTick>[]> SetUpAsync(BenchSilo silo, StreamShape shape)
    {
        if (shape == StreamShape.ManyStreams)
        {
            return Enumerable.Range(0, Width)
                .Select(i => silo.Streams.GetStream<BenchTick>(StreamId.Create(StreamNamespaces.Implicit, i.ToString(CultureInfo.InvariantCulture))))
                .ToArray();
        }

        await Task.WhenAll(Enumerable.Range(0, Width).Select(i => silo.Client.GetGrain<IFanOutSinkGrain>(i).Subscribe("0")));
        return [silo.Streams.GetStream<BenchTick>(StreamId.Create(StreamNamespaces.FanOut, "0"))];
    }

    // At max rate only every 16th item carries a timestamp (reading the clock twice per item would cost about a
    // third of the CPU a delivery takes); subscribers sample latency from the stamped ones.
    private static async Task ProduceAsync(IAsyncStream<BenchTick>[] streams, int first, int step, long[] sequences, BenchProbe probe)
    {
        while (!probe.Stopping)
        {
            for (int i = first; i < streams.Length; i += step)
            {
                long sequence = sequences[i]++;
                var pending = streams[i].OnNextAsync(new BenchTick((sequence & 15) == 0 ? Stopwatch.GetTimestamp() : 0, sequence));
                if (!pending.IsCompletedSuccessfully)
                {
                    await pending;
                }
            }
        }
    }

    private static void ProducePaced(IAsyncStream<BenchTick>[] streams, long[] sequences, double itemsPerSecond, BenchProbe probe)
    {
        long start = Stopwatch.GetTimestamp();
        long sent = 0;
        int next = 0;
        while (!probe.Stopping)
        {
            long due = (long)(Stopwatch.GetElapsedTime(start).TotalSeconds * itemsPerSecond);
            for (; sent < due; sent++)
            {
                int i = next;
                next = next + 1 == streams.Length ? 0 : next + 1;
                var pending = streams[i].OnNextAsync(new BenchTick(Stopwatch.GetTimestamp(), sequences[i]++));
                if (!pending.IsCompletedSuccessfully)
                {
                    pending.GetAwaiter().GetResult();
                }
            }

            Thread.Sleep(1);
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

using TradingRobotPlug.GrainInterfaces.Grains;
using TradingRobotPlug.GrainInterfaces.Market;
using Orleans;

namespace TradingRobotPlug.Api.Tests.Experiments;

/// <summary>Synthetic daily bars (a deterministic wave with drift) published straight to an instrument grain.</summary>
internal static class ExperimentTestData
{
    public static readonly DateTimeOffset Start = new(2021, 1, 4, 0, 0, 0, TimeSpan.Zero);

    public static Bar[] Bars(string symbol, int count)
    {
        var instrument = InstrumentId.Parse(symbol);
        var bars = new Bar[count];
        for (int i = 0; i < count; i++)
        {
            decimal close = Math.Round(100m + 10m * (decimal)Math.Sin(i / 7.0) + i * 0.05m, 2);
            bars[i] = Bar.Create(instrument, Timeframe.OneDay, Start.AddDays(i), close - 0.5m, close + 1m, close - 1m, close, 1000);
        }

        return bars;
    }

    public static Task Publish(IClusterClient client, string symbol, Bar[] bars)
        => client.GetGrain<IInstrumentGrain>(symbol).PublishBars([.. bars]);
}

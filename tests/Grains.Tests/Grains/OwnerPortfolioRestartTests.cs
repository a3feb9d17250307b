using TradingRobotPlug.GrainInterfaces.Grains;
using TradingRobotPlug.GrainInterfaces.Market;
using TradingRobotPlug.GrainInterfaces.Strategies;
using TradingRobotPlug.GrainInterfaces.Trading;
using TradingRobotPlug.Grains.MarketData;
using TradingRobotPlug.Grains.Tests.Infrastructure;

namespace TradingRobotPlug.Grains.Tests.Grains;

/// <summary>
/// Owners' portfolios (<see cref="IPortfolioGrain.OwnerKey"/>) across a whole silo restart on the same PostgreSQL
/// database: each owner's portfolio comes back (activated by a delivery on its durable stream subscription, or ensured
/// by the whole portfolio at start-up, whichever comes first), folds its re-activated strategies' re-published
/// histories and ends with a mark per bar, equal to the sum of its own strategies' equity curves, and nothing of
/// another owner's.
/// </summary>
[Collection(PostgresServerFixture.CollectionName)]
public sealed class OwnerPortfolioRestartTests(PostgresServerFixture postgres)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Each_owners_portfolio_rebuilds_after_a_restart_with_only_its_strategies()
    {
        var instrument = InstrumentId.Parse("OWNRST");
        var bars = new OhlcvCsvReader(instrument).ReadAll(Path.Combine(AppContext.BaseDirectory, "data", "sp500-daily-2000-2020.csv")).Take(1_200).ToList();
        var strategies = new (string Id, StrategySettings Settings)[]
        {
            ("own-rst-a1", new StrategySettings("sma-cross:fast=10,slow=30", [instrument], Timeframe.OneDay, 50_000m, FeeBps: 5m, Owner: "alice")),
            ("own-rst-a2", new StrategySettings("buy-and-hold", [instrument], Timeframe.OneDay, 20_000m, Owner: "alice")),
            ("own-rst-b1", new StrategySettings("rsi-reversion:period=14,lower=30,upper=70", [instrument], Timeframe.OneDay, 80_000m, Owner: "bob")),
        };
        string database = await postgres.CreateDatabaseAsync("owner_portfolio_restart");
        int part = 700;
        await using (var first = await TradingTestCluster.StartAsync(database))
        {
            await first.Client.GetGrain<IPortfolioGrain>(IPortfolioGrain.Key).Ensure();
            foreach (var (id, settings) in strategies)
            {
                var grain = first.Client.GetGrain<IStrategyGrain>(id);
                await grain.Create(settings);
                await grain.Start();
            }

            await PublishAsync(first.Client.GetGrain<IInstrumentGrain>(instrument.Symbol), bars[..part]);
            foreach (var (id, _) in strategies)
            {
                await first.Client.GetGrain<IStrategyGrain>(id).WaitForBars(part).WaitAsync(Wait);
            }

            var alice = await first.Client.GetGrain<IPortfolioGrain>(IPortfolioGrain.OwnerKey("alice")).WaitForMarks(bars[part - 1].OpenTime).WaitAsync(Wait);
            Assert.Equal(2, alice.Strategies);
        }

        await using var second = await TradingTestCluster.StartAsync(database);
        await second.Client.GetGrain<IPortfolioGrain>(IPortfolioGrain.Key).Ensure(); // as the host's start-up does
        await PublishAsync(second.Client.GetGrain<IInstrumentGrain>(instrument.Symbol), bars[part..]);
        var curves = new Dictionary<string, EquityPoint[]>();
        foreach (var (id, _) in strategies)
        {
            var grain = second.Client.GetGrain<IStrategyGrain>(id);
            await grain.WaitForBars(bars.Count).WaitAsync(Wait);
            curves[id] = [.. await grain.GetEquityCurve()];
            Assert.Equal(bars.Count, curves[id].Length);
        }

        foreach (var (owner, own) in new[] { ("alice", new[] { "own-rst-a1", "own-rst-a2" }), ("bob", new[] { "own-rst-b1" }) })
        {
            var key = IPortfolioGrain.OwnerKey(owner);
            var snapshot = await second.Client.GetGrain<IPortfolioGrain>(key).WaitForMarks(bars[^1].OpenTime).WaitAsync(Wait);
            var sums = Enumerable.Range(0, bars.Count).Select(i => own.Sum(id => curves[id][i].Equity)).ToArray();
            Assert.Equal(own.Length, snapshot.Strategies);
            Assert.Equal(strategies.Where(s => own.Contains(s.Id)).Sum(s => s.Settings.InitialCapital), snapshot.InitialCapital);
            Assert.Equal(bars.Count, snapshot.Metrics!.Marks);
            Assert.Equal(sums[^1], snapshot.Metrics.EndEquity);
            Assert.Equal(sums.Max(), snapshot.Metrics.PeakEquity);
            var daily = await second.Client.GetGrain<IMetricsBucketGrain>($"{key}/daily").GetPeriods(null, null);
            Assert.Equal(sums, daily.Select(d => d.EndEquity!.Value).ToArray());
        }
    }

    private static async Task PublishAsync(IInstrumentGrain grain, IReadOnlyList<Bar> bars)
    {
        foreach (var chunk in bars.Chunk(600))
        {
            await grain.PublishBars([.. chunk]);
        }
    }
}

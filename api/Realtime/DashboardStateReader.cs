using TradingRobotPlug.Api.Features.Strategies;
using System.Collections.Immutable;
using TradingRobotPlug.Api.Replay;
using TradingRobotPlug.GrainInterfaces.Alerts;
using TradingRobotPlug.GrainInterfaces.Grains;
using TradingRobotPlug.GrainInterfaces.Market;
using TradingRobotPlug.GrainInterfaces.Strategies;
using TradingRobotPlug.GrainInterfaces.Trading;
using Orleans;
using Orleans.Runtime;

namespace TradingRobotPlug.Api.Realtime;

/// <summary>
/// Reads a group's current state through grain calls, as the events a joining client gets at once: overview:
/// <c>replay</c>, portfolio <c>equity</c> (when the portfolio has a mark), the latest <see cref="RecentAlerts"/>
/// <c>alert</c>s, and <c>metrics</c> for every strategy; strategy: <c>equity</c> (the latest mark only: the whole
/// curve is one REST download, <c>GET /strategies/{id}/equity</c>), <c>trade</c> (the latest <see cref="RecentTrades"/>
/// closed trades and the open one), <c>position</c>, <c>alert</c> (when any) and <c>metrics</c>; instrument: <c>bar</c>
/// with the latest <see cref="RecentBars"/> bars of the finest timeframe that has any.
/// </summary>
public sealed class DashboardStateReader(IClusterClient client, MarketReplayService replay, DashboardNotifier notifier)
{
    /// <summary>Alerts in a join state.</summary>
    public const int RecentAlerts = 50;

    /// <summary>Closed trades in a strategy's join state.</summary>
    public const int RecentTrades = 100;

    /// <summary>Bars in an instrument's join state.</summary>
    public const int RecentBars = 500;

    private static readonly Timeframe[] FinestFirst = [Timeframe.OneMinute, Timeframe.FiveMinutes, Timeframe.FifteenMinutes, Timeframe.OneHour, Timeframe.OneDay];

    /// <summary>Whether the group's strategy or instrument exists (the overview always does); an instrument exists once it
    /// has market data, or while a strategy that <paramref name="canRead"/> trades it (another owner's strategy is not
    /// revealed by the answer).</summary>
    /// <param name="group">The group to check.</param>
    /// <param name="canRead">Whether the caller may read a strategy stored with the given owner; null: any strategy counts.</param>
    /// <returns>Null when it exists, otherwise why not.</returns>
    public async Task<string?> CheckExistsAsync(DashboardGroup group, Func<string?, bool>? canRead = null)
    {
        switch (group.Kind)
        {
            case DashboardGroupKind.Strategy:
                var ids = await client.GetGrain<IStrategyDirectoryGrain>(IStrategyDirectoryGrain.Key).List();
                return ids.Contains(group.Strategy) ? null : $"Unknown group '{group.Name}': there is no strategy '{group.Strategy}'.";
            case DashboardGroupKind.Instrument:
                var snapshot = await client.GetGrain<IInstrumentGrain>(group.Instrument.Symbol).GetSnapshot();
                if (snapshot.Bars > 0 || snapshot.Ticks > 0 || snapshot.LastPrice is not null)
                {
                    return null;
                }

                // A strategy created before its instrument's first bar: its page follows the bars from the first one.
                var strategies = await client.GetGrain<IStrategyDirectoryGrain>(IStrategyDirectoryGrain.Key).List();
                var settings = await Task.WhenAll(strategies.Select(id => client.GetGrain<IStrategyGrain>(id.Value).GetSnapshot()));
                return settings.Any(s => s.Settings?.Instruments.Contains(group.Instrument) == true && (canRead is null || canRead(s.Settings.Owner)))
                    ? null
                    : $"Unknown group '{group.Name}': no market data has been seen for '{group.Instrument}', and no strategy trades it.";
            default:
                return null;
        }
    }

    /// <summary>The group's current state as client events, in the order to send them.</summary>
    public Task<IReadOnlyList<PendingMessage>> ReadAsync(DashboardGroup group) => group.Kind switch
    {
        DashboardGroupKind.Overview => ReadOverviewAsync(group),
        DashboardGroupKind.Strategy => ReadStrategyAsync(group.Strategy),
        DashboardGroupKind.Instrument => ReadInstrumentAsync(group.Instrument),
        _ => throw new ArgumentOutOfRangeException(nameof(group), group.Kind, "unknown group kind"),
    };

    /// <summary>The overview's state: of every owner's strategies, or of <see cref="DashboardGroup.Owner"/>'s only
    /// (its strategies, their alerts and its own portfolio, ensured first).</summary>
    private async Task<IReadOnlyList<PendingMessage>> ReadOverviewAsync(DashboardGroup group)
    {
        var overview = new OverviewFeed(group);
        var ensured = group.Owner is null ? Task.CompletedTask : client.GetGrain<IPortfolioGrain>(overview.PortfolioKey).Ensure();
        var ids = await client.GetGrain<IStrategyDirectoryGrain>(IStrategyDirectoryGrain.Key).List();
        var snapshots = Task.WhenAll(ids.Select(id => client.GetGrain<IStrategyGrain>(id.Value).GetSnapshot()));
        Task<ImmutableArray<AlertRaised>[]> alerts;
        if (group.Owner is null)
        {
            alerts = Task.WhenAll(ids.Select(id => client.GetGrain<IStrategyGrain>(id.Value).GetAlerts()));
        }
        else
        {
            // Only the owner's strategies: their owners are known from the snapshots.
            var own = (await snapshots).Where(s => s.Settings is not null && overview.Includes(s.Settings.Owner)).ToArray();
            snapshots = Task.FromResult(own);
            alerts = Task.WhenAll(own.Select(s => client.GetGrain<IStrategyGrain>(s.Id.Value).GetAlerts()));
        }

        await ensured;
        var portfolio = notifier.ReadPortfolioPointAsync(overview.PortfolioKey);
        var messages = new List<PendingMessage> { new(DashboardEvents.Replay, replay.Status) };
        if (await portfolio is { } point)
        {
            messages.Add(new(DashboardEvents.Equity, new EquityUpdate(EquityUpdate.Portfolio, [point])));
        }

        var recent = (await alerts).SelectMany(a => a).OrderBy(a => a.Time).ThenBy(a => a.Strategy.Value, StringComparer.Ordinal).TakeLast(RecentAlerts).ToArray();
        if (recent.Length > 0)
        {
            messages.Add(new(DashboardEvents.Alert, recent));
        }

        messages.Add(new(DashboardEvents.Metrics, (await snapshots).Select(StrategySummary.From).ToArray()));
        return messages;
    }

    private async Task<IReadOnlyList<PendingMessage>> ReadStrategyAsync(StrategyId id)
    {
        var grain = client.GetGrain<IStrategyGrain>(id.Value);
        var snapshotTask = grain.GetSnapshot();
        var tradesTask = grain.GetTrades();
        var curveTask = grain.GetEquityCurve();
        var alertsTask = grain.GetAlerts();
        var snapshot = await snapshotTask;
        var trades = await tradesTask;
        var curve = await curveTask;
        var alerts = await alertsTask;

        // Only the latest mark (with the drawdown from the curve's peak): the page downloads the whole curve once over
        // REST, and the pushes after this join add every later point, so sending the curve here too would download it
        // twice. A page whose REST load came before its join (a late connection, a reconnect) reloads the curve.
        decimal peak = 0m;
        foreach (var p in curve)
        {
            peak = Math.Max(peak, p.Equity);
        }

        EquityCurvePoint[] latest = curve.IsDefaultOrEmpty ? [] : [EquityCurvePoint.Create(curve[^1].Time, curve[^1].Equity, peak, curve[^1].BenchmarkEquity)];

        TradeRecord? open = trades.Length > 0 && trades[^1].IsOpen ? trades[^1] : null;
        var closed = trades.Where(t => !t.IsOpen).TakeLast(RecentTrades).ToArray();
        var messages = new List<PendingMessage>
        {
            new(DashboardEvents.Equity, new EquityUpdate(id.Value, latest)),
            new(DashboardEvents.Trade, new TradeUpdate(id, closed, open)),
            new(DashboardEvents.Position, new PositionUpdate(id, snapshot.Positions)),
        };
        if (alerts.Length > 0)
        {
            messages.Add(new(DashboardEvents.Alert, alerts[^Math.Min(RecentAlerts, alerts.Length)..].ToArray()));
        }

        messages.Add(new(DashboardEvents.Metrics, new[] { StrategySummary.From(snapshot) }));
        return messages;
    }

    private async Task<IReadOnlyList<PendingMessage>> ReadInstrumentAsync(InstrumentId id)
    {
        var grain = client.GetGrain<IInstrumentGrain>(id.Symbol);
        IReadOnlyList<Bar> bars = [];
        foreach (var timeframe in FinestFirst)
        {
            ImmutableArray<Bar> found;
            try
            {
                found = await grain.GetBars(timeframe, null, null, RecentBars);
            }
            catch (ArgumentException)
            {
                // The grain refuses a timeframe finer than what it publishes: try the next coarser one. The finest it
                // answers is the timeframe of its bar stream, so the join state matches the pushes that follow.
                continue;
            }

            if (found.Length > 0)
            {
                bars = found;
                break;
            }
        }

        return [new PendingMessage(DashboardEvents.Bar, new BarUpdate(id.Symbol, bars))];
    }
}

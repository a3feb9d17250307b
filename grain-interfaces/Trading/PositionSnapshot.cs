using Orleans;
using Orleans.Concurrency;

namespace TradingRobotPlug.GrainInterfaces.Trading;

/// <summary>A read-only picture of a position at one moment, for dashboards and calls between grains. Money in the quote currency.</summary>
/// <param name="Id">The position.</param>
/// <param name="Quantity">Signed units: &gt; 0 long, &lt; 0 short, 0 flat.</param>
/// <param name="AveragePrice">Average entry price of the open quantity; 0 when flat.</param>
/// <param name="RealizedPnl">Cumulative realized profit or loss over the position's life, money, net of all fees paid (fees count as realized when paid).</param>
/// <param name="UnrealizedPnl">Open quantity marked to <paramref name="LastPrice"/> minus its entry cost, money, before any exit fee; 0 when flat.</param>
/// <param name="Fees">Cumulative fees paid, money ≥ 0.</param>
/// <param name="LastPrice">Last mark or fill price; null before any.</param>
/// <param name="LastTime">UTC time of the last mark or fill; null before any.</param>
/// <param name="OpenTrade">The trade in progress; null when flat.</param>
[GenerateSerializer, Immutable, Alias("trp.PositionSnapshot")]
public sealed record PositionSnapshot(
    [property: Id(0)] PositionId Id,
    [property: Id(1)] decimal Quantity,
    [property: Id(2)] decimal AveragePrice,
    [property: Id(3)] decimal RealizedPnl,
    [property: Id(4)] decimal UnrealizedPnl,
    [property: Id(5)] decimal Fees,
    [property: Id(6)] decimal? LastPrice,
    [property: Id(7)] DateTimeOffset? LastTime,
    [property: Id(8)] TradeRecord? OpenTrade);

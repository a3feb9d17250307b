using System.Text.Json.Serialization;
using TradingRobotPlug.GrainInterfaces.Market;
using Orleans;
using Orleans.Concurrency;

namespace TradingRobotPlug.GrainInterfaces.Trading;

/// <summary>
/// A round-trip trade: from the fill that takes a position away from flat to the fill that brings it back to flat (or
/// through zero, which also opens the next trade). Adds and partial closes stay inside one trade. Money in the quote
/// currency, prices per unit.
/// </summary>
/// <param name="Strategy">The strategy that traded.</param>
/// <param name="Instrument">The instrument traded.</param>
/// <param name="Side">Long or short.</param>
/// <param name="EntryTime">UTC time of the first entry fill.</param>
/// <param name="EntryPrice">Quantity-weighted average price of all entry fills (fills in the trade's direction).</param>
/// <param name="ExitTime">UTC time of the fill that closed the trade; null while open.</param>
/// <param name="ExitPrice">Quantity-weighted average price of all exit fills; null while open (even after partial closes).</param>
/// <param name="Quantity">Total units entered, &gt; 0 (unsigned). When closed, the exits add up to the same.</param>
/// <param name="Pnl">Profit or loss, money, net of <paramref name="Fees"/>. Closed: exit proceeds − entry cost (reversed for a short)
/// − fees, computed from exact sums (not from the rounded average prices). Open: realized part of partial closes + open quantity
/// marked to the last price − fees so far.</param>
/// <param name="Return"><paramref name="Pnl"/> ÷ entry notional (Σ entry price × quantity), as a fraction (0.01 = 1 %).</param>
/// <param name="Fees">Fees of this trade, money ≥ 0: entry and exit fees; a fill that flips the position splits its fee
/// between the closed and the new trade in proportion to quantity.</param>
/// <param name="HoldingTime">Exit time − entry time; while open, last fill or mark time − entry time.</param>
/// <param name="Mae">Maximum adverse excursion, in price units per unit (≥ 0): the largest move against the trade seen by any
/// fill or mark, measured from the average entry price at that moment (long: average − low, short: high − average). Multiply
/// by quantity for money.</param>
/// <param name="Mfe">Maximum favourable excursion, in price units per unit (≥ 0), measured the same way (long: high − average,
/// short: average − low).</param>
/// <param name="ExitReason">Why the trade was closed: <see cref="TradeExitReason.Signal"/> (default, also while open) or
/// <see cref="TradeExitReason.Liquidation"/> (a short bought back at the maintenance margin).</param>
[GenerateSerializer, Immutable, Alias("trp.TradeRecord")]
public sealed record TradeRecord(
    [property: Id(0)] StrategyId Strategy,
    [property: Id(1)] InstrumentId Instrument,
    [property: Id(2)] PositionSide Side,
    [property: Id(3)] DateTimeOffset EntryTime,
    [property: Id(4)] decimal EntryPrice,
    [property: Id(5)] DateTimeOffset? ExitTime,
    [property: Id(6)] decimal? ExitPrice,
    [property: Id(7)] decimal Quantity,
    [property: Id(8)] decimal Pnl,
    [property: Id(9)] double Return,
    [property: Id(10)] decimal Fees,
    [property: Id(11)] TimeSpan HoldingTime,
    [property: Id(12)] decimal Mae,
    [property: Id(13)] decimal Mfe,
    [property: Id(14)] TradeExitReason ExitReason = TradeExitReason.Signal)
{
    /// <summary>True while the trade has no exit. Derived, so not serialized.</summary>
    [JsonIgnore]
    public bool IsOpen => ExitTime is null;

    /// <summary>The id of the position the trade belongs to. Derived, so not serialized.</summary>
    [JsonIgnore]
    public PositionId Position => new(Strategy, Instrument);
}

using TradingRobotPlug.GrainInterfaces.Market;
using TradingRobotPlug.GrainInterfaces.Trading;

namespace TradingRobotPlug.Grains.Trading;

/// <summary>
/// One strategy's simulated cash account with its positions by instrument. Fills move cash: a buy pays
/// quantity × price + fee, a sell receives quantity × price − fee. A short sale's proceeds are credited to cash but held,
/// with an equal initial margin, against the short (<see cref="ShortMargin"/>): <see cref="ShortReserve"/> is not
/// spendable and <see cref="AvailableCash"/> excludes it. <see cref="Equity"/> = <see cref="Cash"/> + Σ signed quantity × last price over positions, kept as a running sum so
/// that every fill and mark is O(1). Identity (exact, tested): Equity = InitialCash + Σ realized P&amp;L + Σ unrealized P&amp;L.
/// Not thread-safe (a grain is single-threaded).
/// </summary>
public sealed class PaperAccount
{
    private readonly Dictionary<InstrumentId, Position> _positions = [];
    private decimal _marketValue;
    private decimal _realizedPnl;
    private decimal _totalFees;
    private decimal _shortReserve;

    /// <summary>Creates an account holding only cash.</summary>
    /// <param name="strategy">The strategy owning the account; fills of other strategies are refused.</param>
    /// <param name="initialCash">Starting cash, money ≥ 0.</param>
    /// <exception cref="ArgumentException"><paramref name="strategy"/> is default.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="initialCash"/> is negative.</exception>
    public PaperAccount(StrategyId strategy, decimal initialCash)
    {
        if (strategy.IsDefault)
        {
            throw new ArgumentException("Strategy id is default (unset).", nameof(strategy));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(initialCash);
        Strategy = strategy;
        InitialCash = initialCash;
        Cash = initialCash;
    }

    /// <summary>The owning strategy.</summary>
    public StrategyId Strategy { get; }

    /// <summary>Cash at creation, money.</summary>
    public decimal InitialCash { get; }

    /// <summary>Cash now, money (may go negative only through fills the caller did not check).</summary>
    public decimal Cash { get; private set; }

    /// <summary>
    /// Cash held against open shorts, money ≥ 0: Σ over short positions of <see cref="ShortMargin.Reserve"/>(entry
    /// notional of the open short units), i.e. their sale proceeds plus the initial margin; 0 without shorts.
    /// </summary>
    public decimal ShortReserve => _shortReserve;

    /// <summary>
    /// Cash that new positions may use, money: <see cref="Cash"/> − <see cref="ShortReserve"/>; equals <see cref="Cash"/>
    /// without shorts. Sizing models are given this figure.
    /// </summary>
    public decimal AvailableCash => Cash - _shortReserve;

    /// <summary>Σ signed quantity × last price over all positions, money (shorts count negative).</summary>
    public decimal MarketValue => _marketValue;

    /// <summary>Cash + <see cref="MarketValue"/>, money.</summary>
    public decimal Equity => Cash + _marketValue;

    /// <summary>Σ realized P&amp;L of all positions, net of fees, money.</summary>
    public decimal RealizedPnl => _realizedPnl;

    /// <summary>Σ fees paid, money.</summary>
    public decimal TotalFees => _totalFees;

    /// <summary>Instruments that have had at least one fill (including positions now flat).</summary>
    public IReadOnlyCollection<InstrumentId> Instruments => _positions.Keys;

    /// <summary>Signed units held in <paramref name="instrument"/>; 0 if never traded.</summary>
    public decimal PositionQuantity(InstrumentId instrument)
        => _positions.TryGetValue(instrument, out var position) ? position.Quantity : 0m;

    /// <summary>A snapshot of the position in <paramref name="instrument"/>; null if never traded.</summary>
    public PositionSnapshot? GetPosition(InstrumentId instrument)
        => _positions.TryGetValue(instrument, out var position) ? position.ToSnapshot() : null;

    /// <summary>Snapshots of every position ever traded, flat ones included. O(positions).</summary>
    public IReadOnlyList<PositionSnapshot> GetPositions() => [.. _positions.Values.Select(p => p.ToSnapshot())];

    /// <summary>The facts a fill model needs for an order in <paramref name="instrument"/>.</summary>
    public FillContext FillContextFor(InstrumentId instrument)
    {
        if (!_positions.TryGetValue(instrument, out var position))
        {
            return new FillContext(Cash - _shortReserve, 0m);
        }

        decimal reserve = ReserveOf(position);
        return new FillContext(Cash - (_shortReserve - reserve), position.Quantity, reserve);
    }

    /// <summary>
    /// The price at which the short in <paramref name="instrument"/> is liquidated (<see cref="ShortMargin.LiquidationPrice"/>
    /// of the equity without the short's market value); null when the position is not short.
    /// </summary>
    /// <returns>A price per unit; ≤ 0 when the account is already below the maintenance margin at any price.</returns>
    public decimal? LiquidationPrice(InstrumentId instrument)
        => _positions.TryGetValue(instrument, out var position) && position.Quantity < 0
            ? ShortMargin.LiquidationPrice(Equity - position.MarketValue, -position.Quantity)
            : null;

    /// <summary>True when a fill with this trade id has been applied to the position in <paramref name="instrument"/>.</summary>
    public bool HasApplied(InstrumentId instrument, TradeId tradeId)
        => _positions.TryGetValue(instrument, out var position) && position.HasApplied(tradeId);

    /// <summary>Applies a fill to its position and to cash.</summary>
    /// <returns>The round trip the fill closed, or null.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="fill"/> is null.</exception>
    /// <exception cref="ArgumentException">The fill belongs to another strategy; nothing changes.</exception>
    /// <exception cref="InvalidOperationException">The fill's trade id was already applied; nothing changes.</exception>
    public TradeRecord? Apply(OrderFilled fill)
    {
        ArgumentNullException.ThrowIfNull(fill);
        if (fill.Strategy != Strategy)
        {
            throw new ArgumentException($"Fill {fill.TradeId} belongs to strategy {fill.Strategy}, this account to {Strategy}.", nameof(fill));
        }

        if (!_positions.TryGetValue(fill.Instrument, out var position))
        {
            position = new Position(fill.Position);
            _positions.Add(fill.Instrument, position);
        }

        decimal valueBefore = position.MarketValue;
        decimal realizedBefore = position.RealizedPnl;
        decimal reserveBefore = ReserveOf(position);
        var closed = position.Apply(fill);

        Cash += fill.Side == OrderSide.Buy ? -(fill.Notional + fill.Fee) : fill.Notional - fill.Fee;
        _marketValue += position.MarketValue - valueBefore;
        _realizedPnl += position.RealizedPnl - realizedBefore;
        _totalFees += fill.Fee;
        _shortReserve += ReserveOf(position) - reserveBefore;
        return closed;
    }

    /// <summary>Marks the position in <paramref name="instrument"/> to a price; does nothing if it was never traded.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="price"/> is not positive.</exception>
    public void Mark(InstrumentId instrument, decimal price, DateTimeOffset time)
    {
        if (price <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(price), price, "price must be positive.");
        }

        if (_positions.TryGetValue(instrument, out var position))
        {
            decimal valueBefore = position.MarketValue;
            position.Mark(price, time);
            _marketValue += position.MarketValue - valueBefore;
        }
    }

    /// <summary>
    /// Marks the position in the bar's instrument to the bar (high/low for MAE/MFE, close as the last price, at
    /// <see cref="Bar.OpenTime"/>, the bar's label); does nothing if the instrument was never traded.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="bar"/> is null.</exception>
    public void MarkBar(Bar bar)
    {
        ArgumentNullException.ThrowIfNull(bar);
        if (_positions.TryGetValue(bar.Instrument, out var position))
        {
            decimal valueBefore = position.MarketValue;
            position.MarkBar(bar.High, bar.Low, bar.Close, bar.OpenTime);
            _marketValue += position.MarketValue - valueBefore;
        }
    }

    private static decimal ReserveOf(Position position) => position.Quantity < 0 ? ShortMargin.Reserve(position.CostBasis) : 0m;
}

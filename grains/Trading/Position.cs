using TradingRobotPlug.GrainInterfaces.Market;
using TradingRobotPlug.GrainInterfaces.Trading;

namespace TradingRobotPlug.Grains.Trading;

/// <summary>
/// One strategy's position in one instrument, built from fills (<see cref="Apply"/>) and marked to prices
/// (<see cref="Mark"/>, <see cref="MarkBar"/>). Every operation is O(1) (a hash set remembers applied trade ids).
/// Money in the quote currency; exact <see cref="decimal"/> arithmetic.
/// <para>Accounting (average cost):</para>
/// <list type="bullet">
/// <item>The open quantity carries a cost basis B (Σ entry price × quantity still open); <see cref="AveragePrice"/> = B ÷ |quantity|.</item>
/// <item>A fill in the position's direction (or from flat) adds to B. A fill against it closes min(fill, |position|) units
/// and realizes (exit price − B ÷ |position|) × closed units for a long (reversed for a short); the rest of the fill, if
/// any, <b>flips</b> the position: the old trade closes and a new one opens at the fill price with the remaining units.</item>
/// <item>Fees are realized when paid: <see cref="RealizedPnl"/> is net of every fee. A closed trade's P&amp;L is computed
/// from exact sums (exit proceeds − entry cost), so a division in a partial close never leaves a rounding residue once flat. A flipping fill's fee is split between the
/// closed and the new trade in proportion to units.</item>
/// <item><see cref="UnrealizedPnl"/> = |quantity| × last price − B for a long, B − |quantity| × last price for a short;
/// no exit fee is anticipated. Fills also mark the position at their price.</item>
/// <item>A round trip (<see cref="TradeRecord"/>) runs from leaving flat to returning to (or through) flat; partial closes
/// and adds stay inside it. MAE/MFE are tracked on fills and marks in price units per unit from the average entry price
/// at that moment.</item>
/// </list>
/// Not thread-safe (a grain is single-threaded).
/// </summary>
public sealed class Position
{
    private readonly HashSet<TradeId> _appliedTradeIds = [];

    private decimal _basis;
    private decimal _closedTradesPnl;
    private decimal? _lastPrice;
    private DateTimeOffset? _lastTime;

    // The round trip in progress (meaningful while Quantity != 0).
    private PositionSide _tradeSide;
    private DateTimeOffset _tradeEntryTime;
    private decimal _tradeEntryQuantity;
    private decimal _tradeEntryCost;
    private decimal _tradeExitQuantity;
    private decimal _tradeExitProceeds;
    private decimal _tradeRealizedGross;
    private decimal _tradeFees;
    private decimal _tradeMae;
    private decimal _tradeMfe;

    /// <summary>Creates a flat position.</summary>
    /// <exception cref="ArgumentException"><paramref name="id"/> is default.</exception>
    public Position(PositionId id)
    {
        if (id.IsDefault)
        {
            throw new ArgumentException("Position id is default (unset).", nameof(id));
        }

        Id = id;
    }

    /// <summary>The position's id (strategy and instrument).</summary>
    public PositionId Id { get; }

    /// <summary>Signed units held: &gt; 0 long, &lt; 0 short, 0 flat.</summary>
    public decimal Quantity { get; private set; }

    /// <summary>True when no units are held.</summary>
    public bool IsFlat => Quantity == 0;

    /// <summary>Long or short; null when flat.</summary>
    public PositionSide? Side => Quantity > 0 ? PositionSide.Long : Quantity < 0 ? PositionSide.Short : null;

    /// <summary>Average entry price of the open units (cost basis ÷ |quantity|); 0 when flat.</summary>
    public decimal AveragePrice => Quantity == 0 ? 0m : _basis / Math.Abs(Quantity);

    /// <summary>
    /// Cost basis of the open units, money ≥ 0: Σ entry price × units still open (for a short, the sale proceeds of the
    /// units still short, fees excluded); 0 when flat.
    /// </summary>
    public decimal CostBasis => _basis;

    /// <summary>
    /// Cumulative realized profit or loss, money, net of all fees paid so far (including entry fees of the open trade):
    /// Σ closed trades' <see cref="TradeRecord.Pnl"/> + the open trade's partial-close gains − its fees. Exact once flat.
    /// </summary>
    public decimal RealizedPnl => _closedTradesPnl + (Quantity == 0 ? 0m : _tradeRealizedGross - _tradeFees);

    /// <summary>Cumulative fees paid, money ≥ 0.</summary>
    public decimal TotalFees { get; private set; }

    /// <summary>The open units marked to <see cref="LastPrice"/> minus their cost basis, money; 0 when flat.</summary>
    public decimal UnrealizedPnl => Quantity switch
    {
        > 0 => (Quantity * (_lastPrice ?? 0m)) - _basis,
        < 0 => _basis + (Quantity * (_lastPrice ?? 0m)),
        _ => 0m,
    };

    /// <summary>Signed quantity × <see cref="LastPrice"/>, money (negative for a short); 0 when flat or never priced.</summary>
    public decimal MarketValue => Quantity * (_lastPrice ?? 0m);

    /// <summary>Price of the last mark or fill; null before any.</summary>
    public decimal? LastPrice => _lastPrice;

    /// <summary>UTC time of the last mark or fill (the latest seen); null before any.</summary>
    public DateTimeOffset? LastTime => _lastTime;

    /// <summary>The round trip in progress with its P&amp;L at the last price; null when flat.</summary>
    public TradeRecord? OpenTrade => Quantity == 0 ? null : BuildTrade(exitTime: null);

    /// <summary>True when a fill with this trade id has been applied.</summary>
    public bool HasApplied(TradeId tradeId) => _appliedTradeIds.Contains(tradeId);

    /// <summary>
    /// Applies a fill (see the class remarks for the arithmetic) and marks the position at the fill price.
    /// </summary>
    /// <param name="fill">The fill; its strategy and instrument must be this position's.</param>
    /// <returns>The round trip the fill closed (also when it flipped the position), or null.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="fill"/> is null.</exception>
    /// <exception cref="ArgumentException">The fill is for another position; nothing changes.</exception>
    /// <exception cref="InvalidOperationException">A fill with the same trade id was already applied; nothing changes.</exception>
    public TradeRecord? Apply(OrderFilled fill)
    {
        ArgumentNullException.ThrowIfNull(fill);
        if (fill.Strategy != Id.Strategy || fill.Instrument != Id.Instrument)
        {
            throw new ArgumentException($"Fill {fill.TradeId} is for {fill.Position}, not for position {Id}.", nameof(fill));
        }

        if (!_appliedTradeIds.Add(fill.TradeId))
        {
            throw new InvalidOperationException($"Position {Id} already applied a fill with trade id {fill.TradeId} (order {fill.OrderId}); duplicate rejected.");
        }

        TradeRecord? closed = null;
        decimal price = fill.Price;
        decimal units = fill.Quantity;
        decimal signed = fill.SignedQuantity;
        UpdateExcursions(price, price); // the fill price was seen while the current trade (if any) was open
        Touch(price, fill.Time);

        if (Quantity == 0 || Math.Sign(Quantity) == Math.Sign(signed))
        {
            Enter(signed, price, fill.Fee, fill.Time);
        }
        else
        {
            decimal open = Math.Abs(Quantity);
            decimal closing = Math.Min(units, open);
            decimal closeFee = closing == units ? fill.Fee : fill.Fee * closing / units;
            decimal openFee = fill.Fee - closeFee;
            decimal basisClosed = closing == open ? _basis : _basis * closing / open;
            decimal gross = Quantity > 0 ? (closing * price) - basisClosed : basisClosed - (closing * price);

            _basis -= basisClosed;
            Quantity += Math.Sign(signed) * closing;
            TotalFees += closeFee;
            _tradeExitQuantity += closing;
            _tradeExitProceeds += closing * price;
            _tradeRealizedGross += gross;
            _tradeFees += closeFee;

            if (Quantity == 0)
            {
                _basis = 0m;
                closed = BuildTrade(fill.Time);
                _closedTradesPnl += closed.Pnl;
            }

            decimal rest = units - closing;
            if (rest > 0)
            {
                Enter(Math.Sign(signed) * rest, price, openFee, fill.Time);
            }
        }

        return closed;
    }

    /// <summary>Marks the position to a price (e.g. a tick or a bar's close). Same as <c>MarkBar(price, price, price, time)</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="price"/> is not positive.</exception>
    public void Mark(decimal price, DateTimeOffset time) => MarkBar(price, price, price, time);

    /// <summary>
    /// Marks the position to a bar: MAE/MFE of the open trade look at <paramref name="high"/> and <paramref name="low"/>;
    /// the last price becomes <paramref name="close"/>. Use the bar's open time (its label) as <paramref name="time"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A price is not positive, or <paramref name="close"/> is outside [low, high].</exception>
    public void MarkBar(decimal high, decimal low, decimal close, DateTimeOffset time)
    {
        if (low <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(low), low, "low must be positive.");
        }

        if (high < low)
        {
            throw new ArgumentOutOfRangeException(nameof(high), high, $"high is below low ({low}).");
        }

        if (close < low || close > high)
        {
            throw new ArgumentOutOfRangeException(nameof(close), close, $"close is outside [low {low}, high {high}].");
        }

        UpdateExcursions(high, low);
        Touch(close, time);
    }

    /// <summary>A read-only copy of the current state.</summary>
    public PositionSnapshot ToSnapshot()
        => new(Id, Quantity, AveragePrice, RealizedPnl, UnrealizedPnl, TotalFees, _lastPrice, _lastTime, OpenTrade);

    private void Enter(decimal signedUnits, decimal price, decimal fee, DateTimeOffset time)
    {
        if (Quantity == 0)
        {
            _tradeSide = signedUnits > 0 ? PositionSide.Long : PositionSide.Short;
            _tradeEntryTime = time;
            _tradeEntryQuantity = 0m;
            _tradeEntryCost = 0m;
            _tradeExitQuantity = 0m;
            _tradeExitProceeds = 0m;
            _tradeRealizedGross = 0m;
            _tradeFees = 0m;
            _tradeMae = 0m;
            _tradeMfe = 0m;
        }

        decimal units = Math.Abs(signedUnits);
        Quantity += signedUnits;
        _basis += units * price;
        _tradeEntryQuantity += units;
        _tradeEntryCost += units * price;
        _tradeFees += fee;
        TotalFees += fee;
    }

    private void UpdateExcursions(decimal high, decimal low)
    {
        if (Quantity == 0)
        {
            return;
        }

        decimal average = AveragePrice;
        decimal adverse = Quantity > 0 ? average - low : high - average;
        decimal favourable = Quantity > 0 ? high - average : average - low;
        _tradeMae = Math.Max(_tradeMae, adverse);
        _tradeMfe = Math.Max(_tradeMfe, favourable);
    }

    private void Touch(decimal price, DateTimeOffset time)
    {
        _lastPrice = price;
        if (_lastTime is null || time > _lastTime)
        {
            _lastTime = time.ToUniversalTime();
        }
    }

    private TradeRecord BuildTrade(DateTimeOffset? exitTime)
    {
        // Closed: from the exact sums, so rounding in basis shares of partial closes cannot leak into the result.
        decimal pnl = exitTime is null
            ? _tradeRealizedGross + UnrealizedPnl - _tradeFees
            : (_tradeSide == PositionSide.Long ? _tradeExitProceeds - _tradeEntryCost : _tradeEntryCost - _tradeExitProceeds) - _tradeFees;
        DateTimeOffset end = exitTime ?? _lastTime ?? _tradeEntryTime;
        return new TradeRecord(
            Id.Strategy,
            Id.Instrument,
            _tradeSide,
            _tradeEntryTime,
            _tradeEntryCost / _tradeEntryQuantity,
            exitTime,
            exitTime is null ? null : _tradeExitProceeds / _tradeExitQuantity,
            _tradeEntryQuantity,
            pnl,
            (double)(pnl / _tradeEntryCost),
            _tradeFees,
            end - _tradeEntryTime,
            _tradeMae,
            _tradeMfe);
    }
}

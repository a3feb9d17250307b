namespace TradingRobotPlug.Grains.Trading;

/// <summary>Account rules that <see cref="NextBarOpenFillModel"/> enforces.</summary>
public sealed class FillModelOptions
{
    internal const bool DefaultAllowShortSelling = false;
    internal const bool DefaultReduceBuysToAvailableCash = true;
    internal const decimal DefaultLotSize = 1m;

    /// <summary>
    /// When false (default), a sell larger than the long position held is rejected ("short selling is disabled").
    /// When true, sells may open or add to a short under the margin model of <see cref="ShortMargin"/>: the units sold
    /// short need their notional plus fee in free cash (<see cref="FillContext.FreeCash"/>), the proceeds are credited to
    /// cash and held with an equal margin until the short is bought back.
    /// </summary>
    public bool AllowShortSelling { get; init; } = DefaultAllowShortSelling;

    /// <summary>
    /// When true (default), a buy costing more than the cash available at the fill price (price × quantity + fee) is
    /// filled for the largest whole number of <see cref="LotSize"/> lots that the cash covers, the rest being cancelled;
    /// this keeps an all-in order sized on the signal bar's close from failing when the next bar gaps up. When false,
    /// such a buy is rejected for insufficient cash. Either way a buy of which not even one lot is affordable is rejected.
    /// The same applies to a short sale whose margin the free cash does not cover (rejected for insufficient margin).
    /// Units that close a position (a sell of a long, a buy covering a short) are never reduced.
    /// </summary>
    public bool ReduceBuysToAvailableCash { get; init; } = DefaultReduceBuysToAvailableCash;

    /// <summary>Quantity step in units used when a buy is reduced to the cash available; &gt; 0, default 1.</summary>
    public decimal LotSize { get; init; } = DefaultLotSize;
}

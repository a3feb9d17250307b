namespace TradingRobotPlug.Grains.Trading;

/// <summary>Account rules that <see cref="NextBarOpenFillModel"/> enforces.</summary>
public sealed class FillModelOptions
{
    internal const bool DefaultAllowShortSelling = false;
    internal const bool DefaultReduceBuysToAvailableCash = true;
    internal const decimal DefaultLotSize = 1m;

    /// <summary>
    /// When false (default), a sell larger than the long position held is rejected ("short selling is disabled").
    /// When true, sells may open or add to a short; there is no margin model (proceeds are credited to cash).
    /// </summary>
    public bool AllowShortSelling { get; init; } = DefaultAllowShortSelling;

    /// <summary>
    /// When true (default), a buy costing more than the cash available at the fill price (price × quantity + fee) is
    /// filled for the largest whole number of <see cref="LotSize"/> lots that the cash covers, the rest being cancelled;
    /// this keeps an all-in order sized on the signal bar's close from failing when the next bar gaps up. When false,
    /// such a buy is rejected for insufficient cash. Either way a buy of which not even one lot is affordable is rejected.
    /// </summary>
    public bool ReduceBuysToAvailableCash { get; init; } = DefaultReduceBuysToAvailableCash;

    /// <summary>Quantity step in units used when a buy is reduced to the cash available; &gt; 0, default 1.</summary>
    public decimal LotSize { get; init; } = DefaultLotSize;
}

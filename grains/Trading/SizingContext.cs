using TradingRobotPlug.GrainInterfaces.Trading;

namespace TradingRobotPlug.Grains.Trading;

/// <summary>What a sizing model may look at. Money in the quote currency.</summary>
/// <param name="Side">Side of the order to size.</param>
/// <param name="Price">Reference price per unit before slippage (e.g. the signal bar's close or the fill bar's open), &gt; 0.</param>
/// <param name="Cash">Cash new positions may use, money: for the engine <see cref="PaperAccount.AvailableCash"/> (cash less
/// what is held against open shorts; from flat, the equity). May be ≤ 0, then cash-based sizing gives 0.</param>
/// <param name="Equity">Account equity (cash + marked positions), money.</param>
/// <param name="FeeModel">Fee model the fill will be charged with.</param>
/// <param name="SlippageModel">Slippage model the fill will get.</param>
public readonly record struct SizingContext(
    OrderSide Side,
    decimal Price,
    decimal Cash,
    decimal Equity,
    IFeeModel FeeModel,
    ISlippageModel SlippageModel);

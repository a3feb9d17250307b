using TradingRobotPlug.GrainInterfaces.Trading;

namespace TradingRobotPlug.Grains.Trading;

/// <summary>The largest whole number of lots whose cost including fee fits a budget.</summary>
internal static class AffordableQuantity
{
    /// <summary>
    /// Largest q = n × <paramref name="lotSize"/> (n ≥ 0 whole) with q × <paramref name="fillPrice"/> + fee(fillPrice,
    /// <paramref name="alongside"/> + q) ≤ budget: the units an order can add when <paramref name="alongside"/> units of
    /// the same fill (closing an opposite position) are charged on the same fee. Binary search over n in
    /// [0, ⌊budget ÷ (price × lot)⌋]; exact for any fee that does not fall as q grows. 0 when the budget is ≤ 0.
    /// </summary>
    /// <param name="budget">Money available, in the quote currency.</param>
    /// <param name="fillPrice">Price per unit, slippage included, &gt; 0.</param>
    /// <param name="feeModel">Fee charged on the fill.</param>
    /// <param name="lotSize">Quantity step, &gt; 0.</param>
    /// <param name="alongside">Units in the same fill that the budget does not pay for, ≥ 0 (default 0).</param>
    public static decimal Largest(decimal budget, decimal fillPrice, IFeeModel feeModel, decimal lotSize, decimal alongside = 0m)
    {
        if (budget <= 0)
        {
            return 0m;
        }

        decimal low = 0m;
        decimal high = decimal.Floor(budget / (fillPrice * lotSize));
        while (low < high)
        {
            decimal mid = decimal.Floor((low + high + 1m) / 2m);
            decimal quantity = mid * lotSize;
            decimal fee = alongside == 0 ? feeModel.Fee(fillPrice, quantity) : feeModel.Fee(fillPrice, alongside + quantity);
            if ((quantity * fillPrice) + fee <= budget)
            {
                low = mid;
            }
            else
            {
                high = mid - 1m;
            }
        }

        return low * lotSize;
    }

    /// <summary>Checks a sizing context and returns the slipped fill price.</summary>
    public static decimal FillPrice(in SizingContext context)
    {
        if (context.Price <= 0)
        {
            throw new ArgumentException($"Price must be positive, was {context.Price}.", nameof(context));
        }

        if (!Enum.IsDefined(context.Side))
        {
            throw new ArgumentException($"Side {(int)context.Side} is not defined.", nameof(context));
        }

        if (context.FeeModel is null || context.SlippageModel is null)
        {
            throw new ArgumentException("FeeModel and SlippageModel must be set.", nameof(context));
        }

        return context.SlippageModel.FillPrice(context.Side, context.Price);
    }

    public static decimal CheckLotSize(decimal lotSize)
    {
        if (lotSize <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(lotSize), lotSize, "lotSize must be positive.");
        }

        return lotSize;
    }
}

using TradingRobotPlug.GrainInterfaces.Trading;

namespace TradingRobotPlug.Grains.Trading;

/// <summary>The largest whole number of lots whose cost including fee fits a budget.</summary>
internal static class AffordableQuantity
{
    /// <summary>
    /// Largest q = n × <paramref name="lotSize"/> (n ≥ 0 whole) with q × <paramref name="fillPrice"/> + fee(fillPrice, q) ≤ budget.
    /// Binary search over n in [0, ⌊budget ÷ (price × lot)⌋]; exact for any fee that does not fall as q grows.
    /// </summary>
    public static decimal Largest(decimal budget, decimal fillPrice, IFeeModel feeModel, decimal lotSize)
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
            if ((quantity * fillPrice) + feeModel.Fee(fillPrice, quantity) <= budget)
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

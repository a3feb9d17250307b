using TradingRobotPlug.GrainInterfaces.Market;
using TradingRobotPlug.GrainInterfaces.Trading;

namespace TradingRobotPlug.Grains.Trading;

/// <summary>Decides whether, when and at what price a working order executes against market data.</summary>
public interface IFillModel
{
    /// <summary>
    /// Evaluates <paramref name="order"/> against <paramref name="bar"/>. Pure: changes nothing; the caller applies a
    /// fill to its account, drops a rejected order and keeps a resting one. When several orders are evaluated on the
    /// same bar, apply each fill before evaluating the next so that <paramref name="context"/> is current.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="order"/> or <paramref name="bar"/> is null.</exception>
    /// <exception cref="ArgumentException">The bar is for another instrument than the order.</exception>
    FillDecision Evaluate(Order order, Bar bar, FillContext context);
}

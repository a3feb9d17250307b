namespace TradingRobotPlug.Grains.Trading;

/// <summary>Decides how many units an order should be for. Results are unsigned; 0 means "cannot afford one lot".</summary>
public interface ISizingModel
{
    /// <summary>The order quantity in units, ≥ 0.</summary>
    /// <exception cref="ArgumentException">The context has a non-positive price, an undefined side or a null model.</exception>
    decimal Size(in SizingContext context);
}

using TradingRobotPlug.Runtime.Concurrency;

namespace TradingRobotPlug.Runtime.Tests.Grains;

/// <summary>
/// Not sealed, so the structural immutability rule would not apply; <see cref="ImmutableAttribute"/> promises it is
/// never mutated, so the runtime passes it by reference.
/// </summary>
[Immutable]
public class PriceLevel(decimal price, decimal size)
{
    public decimal Price { get; } = price;

    public decimal Size { get; } = size;
}

using Orleans;
using Orleans.Concurrency;

namespace TradingRobotPlug.GrainInterfaces.Trading;

/// <summary>An order was refused and will not fill (e.g. zero quantity, insufficient cash, short selling disabled).</summary>
/// <param name="Order">The order refused.</param>
/// <param name="Time">UTC time of the decision.</param>
/// <param name="Reason">Human-readable reason, naming the amounts involved; never empty.</param>
[GenerateSerializer, Immutable, Alias("trp.OrderRejected")]
public sealed record OrderRejected([property: Id(0)] Order Order, [property: Id(1)] DateTimeOffset Time, [property: Id(2)] string Reason)
{
    /// <summary>Creates a rejection; <paramref name="time"/> is converted to UTC.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="order"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="reason"/> is empty or white space.</exception>
    public static OrderRejected Create(Order order, DateTimeOffset time, string reason)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new OrderRejected(order, time.ToUniversalTime(), reason);
    }
}

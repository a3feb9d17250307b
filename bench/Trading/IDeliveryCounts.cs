namespace TradingRobotPlug.Benchmarks.Trading;

/// <summary>
/// Cumulative counts the tick load reads to pace its publishing and to end its window: of this process's silo
/// (<see cref="RuntimeCounters"/>) or summed over the silos of a cluster (<see cref="ClusterLoadTarget"/>).
/// </summary>
public interface IDeliveryCounts
{
    /// <summary>Bars and ticks delivered to stream subscribers so far.</summary>
    long Deliveries { get; }

    /// <summary>Bars among <see cref="Deliveries"/>.</summary>
    long BarDeliveries { get; }

    /// <summary>Stream events other than bar and tick batches delivered so far.</summary>
    long OtherEvents { get; }

    /// <summary>Bars and ticks delivered again to a subscriber that had processed their event already (at-least-once
    /// redeliveries after a timed-out delivery call); not in <see cref="Deliveries"/>.</summary>
    long Redeliveries { get; }

    /// <summary>Grain requests and one-way messages received by the silos' dispatchers so far.</summary>
    long Messages { get; }

    /// <summary>Delivery calls of the pulling agents so far.</summary>
    long DeliveryTurns { get; }
}

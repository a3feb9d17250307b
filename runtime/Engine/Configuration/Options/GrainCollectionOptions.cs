namespace TradingRobotPlug.Runtime.Configuration;

/// <summary>Idle activation collection. Bound from configuration section <c>Silo:GrainCollection</c>.</summary>
public sealed class GrainCollectionOptions
{
    internal static readonly TimeSpan DefaultCollectionAge = TimeSpan.FromMinutes(15);
    internal static readonly TimeSpan DefaultCollectionQuantum = TimeSpan.FromMinutes(1);

    /// <summary>An activation idle (no message, no keep-alive timer tick) this long is deactivated. Default 15 min; must be positive.</summary>
    public TimeSpan CollectionAge { get; set; } = DefaultCollectionAge;

    /// <summary>How often the collector looks for idle activations. Default 1 min; positive and not above <see cref="CollectionAge"/>.</summary>
    public TimeSpan CollectionQuantum { get; set; } = DefaultCollectionQuantum;
}

namespace TradingRobotPlug.Grains.Grains;

/// <summary>Persisted last price of an instrument grain.</summary>
public sealed class InstrumentState
{
    /// <summary>Last price; null before any data.</summary>
    public decimal? LastPrice { get; set; }

    /// <summary>Time of the last price or bar open (UTC).</summary>
    public DateTimeOffset? LastTime { get; set; }

    /// <summary>Bars published.</summary>
    public long Bars { get; set; }

    /// <summary>Ticks accepted.</summary>
    public long Ticks { get; set; }
}

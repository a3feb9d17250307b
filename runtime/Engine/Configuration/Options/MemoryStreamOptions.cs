namespace TradingRobotPlug.Runtime.Configuration;

/// <summary>Settings of a named in-memory stream provider (<c>AddMemoryStreams(name, configure)</c>).</summary>
public sealed class MemoryStreamOptions
{
    /// <summary>Items each subscriber may have queued before producers wait (backpressure). Default 4,096; 1–1,000,000.</summary>
    public int QueueCapacity { get; set; } = 4096;

    /// <summary>Most items delivered to a subscriber in one grain turn. Default 512; 1–100,000.</summary>
    public int MaxBatchSize { get; set; } = 512;
}

using System.Diagnostics;

namespace TradingRobotPlug.Api.Features.Cluster;

/// <summary>
/// Turns the silos' cumulative received-message counters into a rate: messages per second between two calls of the
/// cluster endpoint (0 on the first call, or when a silo restarted and the total went down).
/// </summary>
public sealed class ClusterMessageRate
{
    private readonly Lock _lock = new();
    private long _lastCount = -1;
    private long _lastTimestamp;

    /// <summary>Records <paramref name="receivedMessages"/> (the sum over active silos) and returns the rate since the previous sample.</summary>
    public double Sample(long receivedMessages)
    {
        long now = Stopwatch.GetTimestamp();
        lock (_lock)
        {
            double rate = 0;
            if (_lastCount >= 0 && receivedMessages >= _lastCount)
            {
                double seconds = Stopwatch.GetElapsedTime(_lastTimestamp, now).TotalSeconds;
                rate = seconds > 0 ? (receivedMessages - _lastCount) / seconds : 0;
            }

            _lastCount = receivedMessages;
            _lastTimestamp = now;
            return rate;
        }
    }
}

namespace TradingRobotPlug.Runtime.Tests.Grains;

/// <summary>What was running in a grain when a call entered it.</summary>
public readonly record struct InFlight(int Ordinary, int Readers, int Interleaved)
{
    public int Total => Ordinary + Readers + Interleaved;
}

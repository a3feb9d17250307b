namespace TradingRobotPlug.Runtime.Tests.Grains;

public interface IBlockingGrain : IGrainWithStringKey
{
    /// <summary>Signals <c>{gate}:entered</c>, then waits for the probe gate (forever unless the test opens it).</summary>
    Task Block(string gate);

    Task<int> Ping(int value);
}

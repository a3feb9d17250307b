namespace TradingRobotPlug.Runtime.Tests.Grains;

public sealed class IntegerKeyedGrain : Grain, IIntegerKeyedGrain
{
    public Task<long> GetKey() => Task.FromResult(GetPrimaryKeyLong());
}

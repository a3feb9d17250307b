namespace TradingRobotPlug.Runtime.Tests.Grains;

public sealed class GuidKeyedGrain : Grain, IGuidKeyedGrain
{
    public Task<Guid> GetKey() => Task.FromResult(GetPrimaryKey());
}

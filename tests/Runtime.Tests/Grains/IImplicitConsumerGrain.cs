namespace TradingRobotPlug.Runtime.Tests.Grains;

public interface IImplicitConsumerGrain : IGrainWithStringKey
{
    Task<List<int>> GetItems();
}

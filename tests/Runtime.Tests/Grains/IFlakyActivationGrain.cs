namespace TradingRobotPlug.Runtime.Tests.Grains;

public interface IFlakyActivationGrain : IGrainWithStringKey
{
    Task<int> GetAttempt();
}

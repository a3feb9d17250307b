namespace TradingRobotPlug.Runtime.Tests.Grains;

public interface IReentrantGateGrain : IGrainWithStringKey
{
    /// <summary>Signals <c>{step}:entered</c> with the number of calls already inside, then waits for gate <c>step</c>.</summary>
    Task Ordinary(string step);
}

namespace TradingRobotPlug.Runtime.Tests.Grains;

public interface IFaultyGrain : IGrainWithStringKey
{
    Task<int> Increment();

    /// <summary>Throws <see cref="TradeRejectedException"/> after an await.</summary>
    Task<int> Reject(string message);

    /// <summary>Throws <see cref="TradeRejectedException"/> before returning a task.</summary>
    Task RejectSynchronously(string message);
}

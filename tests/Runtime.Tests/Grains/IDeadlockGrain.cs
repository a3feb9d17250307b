namespace TradingRobotPlug.Runtime.Tests.Grains;

public interface IDeadlockGrain : IGrainWithStringKey
{
    /// <summary>Calls <paramref name="middle"/>.Bounce(this): the call comes back to this (busy) grain.</summary>
    Task CallThrough(IDeadlockGrain middle);

    /// <summary>Calls <paramref name="origin"/>.Ping and signals <c>{key}:bounced</c> once that call is sent.</summary>
    Task Bounce(IDeadlockGrain origin);

    Task<int> Ping();
}

namespace TradingRobotPlug.Runtime.Tests.Grains;

public sealed class CounterGrain : Grain, ICounterGrain
{
    private int _value;

    public Task<int> Add(int amount)
    {
        _value += amount;
        return Task.FromResult(_value);
    }

    public Task<int> Get() => Task.FromResult(_value);

    public Task<string> Fail(string message) => throw new InvalidOperationException(message);

    public Task<int> Ping(int value) => Task.FromResult(value);
}

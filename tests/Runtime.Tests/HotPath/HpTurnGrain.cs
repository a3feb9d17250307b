namespace TradingRobotPlug.Runtime.Tests.HotPath;

/// <summary>See <see cref="IHpTurnGrain"/>.</summary>
public sealed class HpTurnGrain(HpProbe probe) : Grain, IHpTurnGrain
{
    private readonly List<int> _appended = [];
    private List<int> _kept = [];
    private int _inside;
    private int _maxInside;
    private int _readersInside;
    private int _maxReaders;
    private int _runs;

    /// <inheritdoc/>
    public async Task<int> Yielding()
    {
        Enter();
        for (int i = 0; i < 3; i++)
        {
            await Task.Yield();
        }

        return Leave();
    }

    /// <inheritdoc/>
    public async Task<int> WaitGate(string suffix)
    {
        Enter();
        probe.Receive(GetPrimaryKeyString() + suffix + "/entered", suffix);
        await probe.Gate(GetPrimaryKeyString() + suffix);
        return Leave();
    }

    /// <inheritdoc/>
    public async Task<int> ReadWaitGate(string suffix)
    {
        Enter();
        _readersInside++;
        _maxReaders = Math.Max(_maxReaders, _readersInside);
        probe.Receive(GetPrimaryKeyString() + suffix + "/entered", suffix);
        await probe.Gate(GetPrimaryKeyString() + suffix);
        _readersInside--;
        Leave();
        return _maxReaders;
    }

    /// <inheritdoc/>
    public Task Append(int value)
    {
        Enter();
        _appended.Add(value);
        Leave();
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task AppendOneWay(int value) => Append(value);

    /// <inheritdoc/>
    public Task<List<int>> Appended() => Task.FromResult(_appended);

    /// <inheritdoc/>
    public Task<List<int>> KeepAndReturn(List<int> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        _runs++;
        values.Add(99);
        _kept = values;
        return Task.FromResult(_kept);
    }

    /// <inheritdoc/>
    public Task<int> Runs() => Task.FromResult(_runs);

    /// <inheritdoc/>
    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public async Task FailAfterAwait(string message)
    {
        await Task.Yield();
        throw new InvalidOperationException(message);
    }

    private void Enter()
    {
        _runs++;
        _inside++;
        _maxInside = Math.Max(_maxInside, _inside);
    }

    private int Leave()
    {
        _inside--;
        return _maxInside;
    }
}

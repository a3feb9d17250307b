using TradingRobotPlug.Runtime.Concurrency;

namespace TradingRobotPlug.Runtime.Tests.HotPath;

/// <summary>See <see cref="IHpReentrantGrain"/>.</summary>
[Reentrant]
public sealed class HpReentrantGrain(HpProbe probe) : Grain, IHpReentrantGrain
{
    private int _inside;
    private int _maxInside;

    /// <inheritdoc/>
    public async Task<int> WaitGate()
    {
        _inside++;
        _maxInside = Math.Max(_maxInside, _inside);
        probe.Receive(GetPrimaryKeyString() + "/entered", _inside);
        await probe.Gate(GetPrimaryKeyString());
        _inside--;
        return _maxInside;
    }
}

using TradingRobotPlug.Runtime.Tests.Infrastructure;

namespace TradingRobotPlug.Runtime.Tests.Grains;

/// <summary>Its first activation attempt fails (after an await); later attempts succeed.</summary>
public sealed class FlakyActivationGrain(TestProbe probe) : Grain, IFlakyActivationGrain
{
    private int _attempt;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _attempt = probe.Signal($"{GetPrimaryKeyString()}:attempt");
        await Task.Yield();
        if (_attempt == 1)
        {
            throw new ActivationRefusedException($"Activation attempt {_attempt} of {GetPrimaryKeyString()} refused.");
        }
    }

    public Task<int> GetAttempt() => Task.FromResult(_attempt);
}

using TradingRobotPlug.Runtime.Storage;
using TradingRobotPlug.Runtime.Tests.Infrastructure;

namespace TradingRobotPlug.Runtime.Tests.Grains;

/// <summary>
/// Reports its lifecycle to the probe: <c>{key}:activated</c> (value: the count read from storage) and
/// <c>{key}:deactivated</c> (value: the <see cref="DeactivationReason"/>).
/// </summary>
public sealed class LifecycleGrain(
    [PersistentState("profile")] IPersistentState<ProfileState> profile,
    TestProbe probe) : Grain, ILifecycleGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        probe.Signal($"{GetPrimaryKeyString()}:activated", profile.State.Count);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        probe.Signal($"{GetPrimaryKeyString()}:deactivated", reason);
        return Task.CompletedTask;
    }

    public async Task<int> Increment()
    {
        profile.State.Count++;
        await profile.WriteStateAsync();
        return profile.State.Count;
    }

    public Task<int> GetCount() => Task.FromResult(profile.State.Count);

    public Task<string?> GetLabel() => Task.FromResult(profile.State.Label);

    public Task Touch() => Task.CompletedTask;

    public Task KeepAliveFor(TimeSpan duration)
    {
        DelayDeactivation(duration);
        return Task.CompletedTask;
    }

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}

namespace TradingRobotPlug.Runtime.Activation;

/// <summary>State read by the runtime before <see cref="Grain.OnActivateAsync"/>.</summary>
internal interface ILifecycleState
{
    Task ReadOnActivateAsync();
}

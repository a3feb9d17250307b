namespace TradingRobotPlug.Runtime.Tests.BadGrains;

/// <summary>Implements <see cref="IOrderIntakeGrain"/>.</summary>
public sealed class OrderIntakeGrain : Grain, IOrderIntakeGrain
{
    /// <inheritdoc/>
    public Task Submit(OrderIntent intent) => Task.CompletedTask;
}

namespace TradingRobotPlug.Runtime.Tests.BadGrains;

/// <summary>A grain interface whose argument type must be declared serializable for a silo to start.</summary>
public interface IOrderIntakeGrain : IGrainWithStringKey
{
    /// <summary>Accepts an intent.</summary>
    Task Submit(OrderIntent intent);
}

namespace TradingRobotPlug.Runtime.Tests.Grains;

/// <summary>What a timer tick of <see cref="TimerGrain"/> saw.</summary>
/// <param name="DuringCall">A grain call was inside the grain when the tick ran.</param>
/// <param name="InGrainContext">The tick ran with the grain's activation as the runtime context.</param>
public readonly record struct TickObservation(bool DuringCall, bool InGrainContext);

namespace TradingRobotPlug.Runtime.Tests.HotPath;

/// <summary>An immutable stream payload: the runtime may share it between subscribers.</summary>
/// <param name="Value">A value.</param>
public sealed record HpImmutablePayload(int Value);

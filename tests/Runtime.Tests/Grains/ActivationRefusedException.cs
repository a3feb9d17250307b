namespace TradingRobotPlug.Runtime.Tests.Grains;

/// <summary>Thrown by <see cref="FlakyActivationGrain.OnActivateAsync"/> on its first attempt.</summary>
public sealed class ActivationRefusedException(string message) : Exception(message);

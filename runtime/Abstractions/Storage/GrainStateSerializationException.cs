namespace TradingRobotPlug.Runtime.Storage;

/// <summary>Persisted state could not be serialized or deserialized. The message names the grain, state and storage.</summary>
public sealed class GrainStateSerializationException(string message, Exception inner) : Exception(message, inner);

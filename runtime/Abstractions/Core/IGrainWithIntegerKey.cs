namespace TradingRobotPlug.Runtime;

/// <summary>A grain interface addressed by a 64-bit integer key. Methods return <see cref="Task"/>, <see cref="Task{TResult}"/>,
/// <see cref="ValueTask"/> or <see cref="ValueTask{TResult}"/>.</summary>
public interface IGrainWithIntegerKey : IGrain;

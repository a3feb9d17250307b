namespace TradingRobotPlug.Runtime;

/// <summary>A grain interface addressed by a string key (any non-empty string). Methods return <see cref="Task"/>, <see cref="Task{TResult}"/>,
/// <see cref="ValueTask"/> or <see cref="ValueTask{TResult}"/>.</summary>
public interface IGrainWithStringKey : IGrain;

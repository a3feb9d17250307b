namespace TradingRobotPlug.Runtime;

/// <summary>A grain interface addressed by a <see cref="System.Guid"/> key. Methods return <see cref="Task"/>, <see cref="Task{TResult}"/>,
/// <see cref="ValueTask"/> or <see cref="ValueTask{TResult}"/>.</summary>
public interface IGrainWithGuidKey : IGrain;

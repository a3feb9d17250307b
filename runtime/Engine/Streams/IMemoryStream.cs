namespace TradingRobotPlug.Runtime.Streams;

/// <summary>Untyped view of an in-memory stream.</summary>
internal interface IMemoryStream
{
    Type ItemType { get; }

    Task StopAsync();
}

namespace TradingRobotPlug.Runtime;

/// <summary>Marker for anything that can be addressed through the runtime: grains and grain references.</summary>
public interface IAddressable;

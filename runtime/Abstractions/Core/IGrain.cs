namespace TradingRobotPlug.Runtime;

/// <summary>Marker base of every grain interface. Derive from one of the keyed forms:
/// <see cref="IGrainWithStringKey"/>, <see cref="IGrainWithGuidKey"/> or <see cref="IGrainWithIntegerKey"/>.</summary>
public interface IGrain : IAddressable;

namespace TradingRobotPlug.Runtime.Storage;

/// <summary>Well-known grain storage names.</summary>
public static class GrainStorageNames
{
    /// <summary>The storage used when <see cref="PersistentStateAttribute"/> names none.</summary>
    public const string Default = "Default";
}

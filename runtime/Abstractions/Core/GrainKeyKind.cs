namespace TradingRobotPlug.Runtime;

/// <summary>The kind of primary key a grain interface is addressed by.</summary>
public enum GrainKeyKind
{
    /// <summary><see cref="IGrainWithStringKey"/>.</summary>
    String,

    /// <summary><see cref="IGrainWithGuidKey"/>; the key's canonical string form is the Guid's "N" format.</summary>
    Guid,

    /// <summary><see cref="IGrainWithIntegerKey"/>; the key's canonical string form is the invariant decimal form.</summary>
    Integer,
}

namespace TradingRobotPlug.Runtime.Invocation;

/// <summary>Generated on an assembly that declares grain interfaces; names its <see cref="IGrainMetadataProvider"/>.</summary>
/// <param name="providerType">A type with a public parameterless constructor implementing <see cref="IGrainMetadataProvider"/>.</param>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
public sealed class GrainMetadataProviderAttribute(Type providerType) : Attribute
{
    /// <summary>The provider type.</summary>
    public Type ProviderType { get; } = providerType;
}

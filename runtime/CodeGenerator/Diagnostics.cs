using Microsoft.CodeAnalysis;

namespace TradingRobotPlug.Runtime.CodeGenerator;

/// <summary>Build errors for grain interfaces the runtime cannot call.</summary>
internal static class Diagnostics
{
    private const string Category = "TradingRobotPlug.Grains";

    public static readonly DiagnosticDescriptor ReturnType = new("TRP001", "Unsupported grain method return type",
        "Grain interface method {0}.{1} must return Task, Task<T>, ValueTask or ValueTask<T>", Category, DiagnosticSeverity.Error, true);

    public static readonly DiagnosticDescriptor RefParameter = new("TRP002", "Unsupported parameter",
        "Grain interface method {0}.{1} has ref/out/in parameter '{2}'; calls are messages, so parameters are passed by value", Category, DiagnosticSeverity.Error, true);

    public static readonly DiagnosticDescriptor OneWayResult = new("TRP003", "One-way method returns a value",
        "[OneWay] method {0}.{1} must return Task or ValueTask: no result comes back", Category, DiagnosticSeverity.Error, true);

    public static readonly DiagnosticDescriptor KeyKind = new("TRP004", "Ambiguous grain key kind",
        "Grain interface {0} must derive from exactly one of IGrainWithStringKey, IGrainWithGuidKey, IGrainWithIntegerKey", Category, DiagnosticSeverity.Error, true);

    public static readonly DiagnosticDescriptor GenericInterface = new("TRP005", "Generic grain interface",
        "Grain interface {0} is generic; generic grain interfaces are not supported", Category, DiagnosticSeverity.Error, true);

    public static readonly DiagnosticDescriptor GenericMethod = new("TRP006", "Generic grain method",
        "Grain interface method {0}.{1} is generic; generic grain methods are not supported", Category, DiagnosticSeverity.Error, true);

    public static readonly DiagnosticDescriptor NotAMethod = new("TRP007", "Grain interface member is not a method",
        "Grain interface {0} declares '{1}', which is not a method; grain interfaces may only declare methods", Category, DiagnosticSeverity.Error, true);

    public static readonly DiagnosticDescriptor CancellationToken = new("TRP008", "CancellationToken parameter",
        "Grain interface method {0}.{1} takes a CancellationToken; cancellation does not cross grain calls yet (use ResponseTimeout)", Category, DiagnosticSeverity.Error, true);
}

namespace TradingRobotPlug.Runtime.Invocation;

/// <summary>
/// One call to a grain method, with its (already copied) arguments. The code generator emits one sealed subclass
/// per grain interface method; the runtime invokes it on the target activation without reflection.
/// </summary>
public abstract class Request
{
    /// <summary>The grain interface's full name.</summary>
    public abstract string InterfaceName { get; }

    /// <summary>The method's name.</summary>
    public abstract string MethodName { get; }

    /// <summary>The method's scheduling flags.</summary>
    public abstract InvokeMethodOptions Options { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{InterfaceName}.{MethodName}";
}

namespace TradingRobotPlug.Runtime.Streams;

/// <summary>
/// Subscribes the grain class implicitly to every stream in <see cref="Namespace"/>: an item on stream
/// (<c>Namespace</c>, k) activates the grain with key k and is delivered to the observer it attaches by calling
/// <c>SubscribeAsync</c> on that stream (usually in <c>OnActivateAsync</c>).
/// </summary>
/// <param name="namespace">Stream namespace.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class ImplicitStreamSubscriptionAttribute(string @namespace) : Attribute
{
    /// <summary>The namespace.</summary>
    public string Namespace { get; } = @namespace;
}

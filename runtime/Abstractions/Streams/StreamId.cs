namespace TradingRobotPlug.Runtime.Streams;

/// <summary>Identity of a stream: a namespace (the kind of data, e.g. <c>ticks</c>) and a key (e.g. a symbol).</summary>
/// <param name="Namespace">Non-empty namespace.</param>
/// <param name="Key">Non-empty key.</param>
public readonly record struct StreamId(string Namespace, string Key)
{
    /// <summary>Creates a stream id.</summary>
    /// <exception cref="ArgumentException">Either part is null or empty.</exception>
    public static StreamId Create(string @namespace, string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(@namespace);
        ArgumentException.ThrowIfNullOrEmpty(key);
        return new StreamId(@namespace, key);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Namespace}/{Key}";
}

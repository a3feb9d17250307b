namespace TradingRobotPlug.Runtime;

/// <summary>
/// The identity of a grain: its grain type (the implementation's type name, e.g. <c>strategy</c>) and its key in
/// canonical string form. Equal ids address the same virtual actor on every silo.
/// </summary>
/// <param name="Type">Grain type name; non-empty, no '/'.</param>
/// <param name="Key">Primary key in canonical string form; non-empty.</param>
public readonly record struct GrainId(string Type, string Key)
{
    /// <summary>Creates an id, validating both parts.</summary>
    /// <exception cref="ArgumentException">Type is empty or contains '/', or key is empty.</exception>
    public static GrainId Create(string type, string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(type);
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (type.Contains('/'))
        {
            throw new ArgumentException($"Grain type '{type}' must not contain '/'.", nameof(type));
        }

        return new GrainId(type, key);
    }

    /// <summary>Parses the <c>type/key</c> form produced by <see cref="ToString"/>.</summary>
    /// <exception cref="FormatException">The text has no '/' separating a non-empty type and key.</exception>
    public static GrainId Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int slash = text.IndexOf('/');
        if (slash <= 0 || slash == text.Length - 1)
        {
            throw new FormatException($"'{text}' is not a grain id of the form 'type/key'.");
        }

        return new GrainId(text[..slash], text[(slash + 1)..]);
    }

    /// <summary>The canonical form <c>type/key</c>.</summary>
    public override string ToString() => $"{Type}/{Key}";
}

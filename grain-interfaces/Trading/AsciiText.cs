namespace TradingRobotPlug.GrainInterfaces.Trading;

/// <summary>ASCII-only text operations for identifiers (ids, kinds, parameter names), free of culture and Unicode case mapping.</summary>
public static class AsciiText
{
    /// <summary>
    /// Lower-cases A–Z and leaves every other character as it is, so that a check for the allowed alphabet that follows
    /// refuses them (<c>ToLowerInvariant</c> would map the Kelvin sign U+212A to <c>k</c> and let it pass).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public static string ToLower(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return string.Create(value.Length, value, static (span, v) =>
        {
            for (int i = 0; i < v.Length; i++)
            {
                span[i] = char.IsAsciiLetterUpper(v[i]) ? (char)(v[i] + 32) : v[i];
            }
        });
    }
}

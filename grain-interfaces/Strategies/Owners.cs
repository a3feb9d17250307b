
namespace TradingRobotPlug.GrainInterfaces.Strategies;

/// <summary>
/// Owners of strategies and experiments. An owner is a user name (from configuration or a token's <c>name</c> claim).
/// A null owner in stored settings is the built-in <see cref="Demo"/> owner: the demo seeder, backtests and data stored
/// before owners existed create strategies without one, and the embedded one-user demo signs everyone in as
/// <see cref="Demo"/>, so the two are one owner.
/// </summary>
public static class Owners
{
    /// <summary>The owner of the embedded one-user demo, and of data stored without an owner.</summary>
    public const string Demo = "demo";

    /// <summary>Longest owner name accepted.</summary>
    public const int MaxLength = 64;

    /// <summary>The owner in effect of stored settings: <paramref name="stored"/>, or <see cref="Demo"/> when null.</summary>
    public static string Of(string? stored) => stored ?? Demo;

    /// <summary>How an owner is stored: null for <see cref="Demo"/> (so the demo's data stays identical to data stored
    /// without an owner), the name otherwise.</summary>
    public static string? ToStored(string owner) => owner == Demo ? null : owner;

    /// <summary>True when two stored owners are the same owner (null and <see cref="Demo"/> are).</summary>
    public static bool Same(string? a, string? b) => string.Equals(Of(a), Of(b), StringComparison.Ordinal);

    /// <summary>
    /// Checks an owner name: 1 to <see cref="MaxLength"/> characters, letters, digits, <c>.</c>, <c>_</c>, <c>-</c> and
    /// <c>@</c> (user names and e-mail-like names), starting with a letter or digit.
    /// </summary>
    /// <returns>Null when valid, else why not.</returns>
    public static string? NameError(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "is empty.";
        }

        if (name.Length > MaxLength)
        {
            return $"is longer than {MaxLength} characters.";
        }

        if (!char.IsAsciiLetterOrDigit(name[0]))
        {
            return $"'{name}' must start with a letter or digit.";
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not '.' and not '_' and not '-' and not '@')
            {
                return $"'{name}' has '{c}': only ASCII letters, digits, '.', '_', '-' and '@' are allowed.";
            }
        }

        return null;
    }
}

namespace TradingRobotPlug.GrainInterfaces.Strategies;

/// <summary>
/// Checks of the optional labels of a strategy definition (<see cref="StrategySettings.Name"/>,
/// <see cref="StrategySettings.Version"/>) and of an experiment's name: a name is 1–<see cref="MaxNameLength"/> characters
/// of ASCII letters, digits, ' ', '.', '_' and '-', starting with a letter or digit (e.g. <c>trend</c>); a version is
/// 1–<see cref="MaxVersionLength"/> characters of ASCII letters, digits, '.', '_', '-' and '+', starting with a letter or
/// digit (e.g. <c>1.0</c>, <c>v1.1-rc.2</c>). Case is kept; surrounding white space is an error, not trimmed.
/// </summary>
public static class StrategyLabels
{
    /// <summary>Longest name, in characters.</summary>
    public const int MaxNameLength = 64;

    /// <summary>Longest version, in characters.</summary>
    public const int MaxVersionLength = 32;

    /// <summary>Why <paramref name="name"/> is not a valid name, or null when it is.</summary>
    public static string? NameError(string name) => Check(name, MaxNameLength, c => c is ' ' or '.' or '_' or '-', "' ', '.', '_' and '-'");

    /// <summary>Why <paramref name="version"/> is not a valid version, or null when it is.</summary>
    public static string? VersionError(string version) => Check(version, MaxVersionLength, c => c is '.' or '_' or '-' or '+', "'.', '_', '-' and '+'");

    private static string? Check(string value, int maxLength, Func<char, bool> extra, string extraText)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length == 0)
        {
            return "must not be empty.";
        }

        if (value.Length > maxLength)
        {
            return $"must be at most {maxLength} characters (was {value.Length}).";
        }

        if (!char.IsAsciiLetterOrDigit(value[0]))
        {
            return $"must start with an ASCII letter or digit, not '{value[0]}'.";
        }

        foreach (char c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c) && !extra(c))
            {
                return $"has the character '{c}'; allowed are A-Z, a-z, 0-9, {extraText}.";
            }
        }

        return null;
    }
}

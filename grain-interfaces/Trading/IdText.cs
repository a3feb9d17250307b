namespace TradingRobotPlug.GrainInterfaces.Trading;

/// <summary>Shared character checks for the opaque identifiers (<see cref="OrderId"/>, <see cref="TradeId"/>).</summary>
internal static class IdText
{
    /// <summary>
    /// Checks an opaque id: 1–<paramref name="maxLength"/> characters, first an ASCII letter or digit, the rest ASCII
    /// letters, digits, '.', '_', ':' or '-'. Case-sensitive; nothing is trimmed or folded.
    /// </summary>
    public static bool TryValidateOpaque(string? value, string kind, int maxLength, out string error)
    {
        if (string.IsNullOrEmpty(value))
        {
            error = $"{kind} is empty.";
            return false;
        }

        if (value.Length > maxLength)
        {
            error = $"{kind} '{value}' is longer than {maxLength} characters.";
            return false;
        }

        if (!char.IsAsciiLetterOrDigit(value[0]))
        {
            error = $"{kind} '{value}' must start with an ASCII letter or digit, not '{value[0]}'.";
            return false;
        }

        foreach (char c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or ':' or '-'))
            {
                error = $"{kind} '{value}' has the character '{c}'; allowed are A-Z, a-z, 0-9, '.', '_', ':' and '-'.";
                return false;
            }
        }

        error = string.Empty;
        return true;
    }
}

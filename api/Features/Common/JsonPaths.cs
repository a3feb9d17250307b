namespace TradingRobotPlug.Api.Features.Common;

/// <summary>Converts System.Text.Json paths (<c>$.ticks[3].price</c>) into the API's field paths (<c>ticks[3].price</c>).</summary>
public static class JsonPaths
{
    /// <summary>The field path: the JSON path without the leading <c>$</c> and dot; <c>body</c> for the whole document or an unknown path.</summary>
    public static string ToFieldPath(string? jsonPath)
    {
        if (string.IsNullOrEmpty(jsonPath) || jsonPath == "$")
        {
            return "body";
        }

        var path = jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..] : jsonPath.TrimStart('$');
        return path.Length == 0 ? "body" : path;
    }
}

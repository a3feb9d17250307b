using System.Text.Json;

namespace TradingRobotPlug.Silo.Backtest;

/// <summary>Writes an optional number of the backtest's JSON outputs (summary.json, experiments.json): the value, or JSON null.</summary>
internal static class JsonNumberOrNull
{
    /// <summary>Writes <paramref name="value"/>, or null when it is null or not finite (NaN and ±∞ have no JSON form).</summary>
    public static void WriteNumberOrNull(this Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    /// <summary>Writes <paramref name="value"/>, or null when it is null.</summary>
    public static void WriteNumberOrNull(this Utf8JsonWriter w, string name, decimal? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    /// <summary>Writes <paramref name="value"/>, or null when it is null.</summary>
    public static void WriteNumberOrNull(this Utf8JsonWriter w, string name, long? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}

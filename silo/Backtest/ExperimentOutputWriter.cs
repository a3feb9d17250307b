using System.Globalization;
using System.Text;
using System.Text.Json;

namespace TradingRobotPlug.Silo.Backtest;

/// <summary>
/// Writes experiments.json: a JSON array with one object per <c>--experiment</c>, in the order given, with the fields
/// <c>name</c>, <c>control</c>, <c>treatment</c> (the arms' names as in summary.json), <c>n</c> (paired days),
/// <c>mean_difference</c>, <c>ci_low</c>, <c>ci_high</c> (daily return difference treatment − control and its 95 %
/// confidence interval, fractions), <c>t</c>, <c>p_value</c> (paired t-test), <c>sharpe_control</c>,
/// <c>sharpe_treatment</c> (annualised as summary.json's <c>sharpe</c>), <c>sharpe_difference_z</c>,
/// <c>sharpe_difference_p</c> (Jobson–Korkie/Memmel on the daily Sharpe ratios) and <c>days_needed</c>; undefined
/// figures are null. Also the console lines.
/// </summary>
internal static class ExperimentOutputWriter
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Writes <c>experiments.json</c> into <paramref name="directory"/>.</summary>
    public static void Write(string directory, IReadOnlyList<ExperimentBacktestResult> experiments)
    {
        using var stream = File.Create(Path.Combine(directory, "experiments.json"));
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        w.WriteStartArray();
        foreach (var (spec, r) in experiments)
        {
            w.WriteStartObject();
            w.WriteString("name", spec.Name);
            w.WriteString("control", spec.ControlName);
            w.WriteString("treatment", spec.TreatmentName);
            w.WriteNumber("n", r.Days);
            w.WriteNumberOrNull("mean_difference", r.MeanDifference);
            w.WriteNumberOrNull("ci_low", r.CiLow);
            w.WriteNumberOrNull("ci_high", r.CiHigh);
            w.WriteNumberOrNull("t", r.T);
            w.WriteNumberOrNull("p_value", r.PValue);
            w.WriteNumberOrNull("sharpe_control", r.Control.Sharpe);
            w.WriteNumberOrNull("sharpe_treatment", r.Treatment.Sharpe);
            w.WriteNumberOrNull("sharpe_difference_z", r.SharpeDifferenceZ);
            w.WriteNumberOrNull("sharpe_difference_p", r.SharpeDifferenceP);
            w.WriteNumberOrNull("days_needed", r.DaysNeeded);

            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    /// <summary>One console line per experiment.</summary>
    public static string Table(IReadOnlyList<ExperimentBacktestResult> experiments)
    {
        var sb = new StringBuilder();
        foreach (var (spec, r) in experiments)
        {
            sb.AppendLine(Inv, $"experiment {spec.Name}: {spec.Treatment} vs {spec.Control}, n={r.Days}, mean daily difference {F(r.MeanDifference * 1e4)} bp [{F(r.CiLow * 1e4)}, {F(r.CiHigh * 1e4)}], t={F(r.T)}, p={F(r.PValue, "F4")}, Sharpe {F(r.Treatment.Sharpe)} vs {F(r.Control.Sharpe)} (z={F(r.SharpeDifferenceZ)}, p={F(r.SharpeDifferenceP, "F4")}), days needed {r.DaysNeeded?.ToString(Inv) ?? "-"}");
        }

        return sb.ToString();
    }

    private static string F(double? v, string format = "F2") => v is { } x ? x.ToString(format, Inv) : "-";
}

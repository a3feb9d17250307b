using TradingRobotPlug.GrainInterfaces.Grains;
using TradingRobotPlug.GrainInterfaces.Metrics;
using Orleans;
using Orleans.Runtime;

namespace TradingRobotPlug.Api.Features.Common;

/// <summary>Reads a scope's metrics buckets (<c>{scope}/{level}</c> bucket grains) for the metrics endpoints.</summary>
public static class MetricsQuery
{
    /// <summary>The periods of <paramref name="scope"/> at <paramref name="level"/> (default <c>all_time</c>) whose start is in [from, to).</summary>
    /// <returns>The periods, or a 400 ValidationProblem when the level is unknown or from ≥ to.</returns>
    public static async Task<IResult> Read(IClusterClient client, string scope, string? level, DateTimeOffset? from, DateTimeOffset? to)
    {
        ArgumentNullException.ThrowIfNull(client);
        var errors = new FieldErrors();
        var name = string.IsNullOrWhiteSpace(level) ? "all_time" : level.Trim();
        if (!BucketLevelExtensions.TryParseLevel(name, out var parsed))
        {
            errors.Add("level", $"'{level}' is not one of trade, hourly, daily, weekly, monthly, quarterly, yearly, all_time.");
        }

        if (from >= to)
        {
            errors.Add("from", "must be before 'to'.");
        }

        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var periods = await client.GetGrain<IMetricsBucketGrain>($"{scope}/{parsed.ToCanonicalString()}").GetPeriods(from, to);
        return TypedResults.Ok(new MetricsPeriods(parsed.ToCanonicalString(), periods));
    }
}

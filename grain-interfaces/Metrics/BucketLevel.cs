namespace TradingRobotPlug.GrainInterfaces.Metrics;

/// <summary>
/// The granularity of a metrics bucket. Every level except <see cref="Trade"/> and <see cref="AllTime"/> is a UTC
/// calendar period; see <see cref="BucketPeriod.For"/> for the exact boundaries and
/// <see cref="BucketLevelExtensions.ParentLevels"/> for the roll-up graph. The numeric values are persisted (grain
/// state, JSON) and must never change; the canonical string names are given by
/// <see cref="BucketLevelExtensions.ToCanonicalString"/>.
/// </summary>
public enum BucketLevel
{
    /// <summary>One round-trip trade; the period is the single instant of the trade's exit (<c>trade</c>).</summary>
    Trade = 0,

    /// <summary>A UTC clock hour [hh:00, hh+1:00) (<c>hourly</c>).</summary>
    Hourly = 1,

    /// <summary>A UTC calendar day [00:00, 24:00) (<c>daily</c>).</summary>
    Daily = 2,

    /// <summary>An ISO-8601 week: seven UTC days starting Monday 00:00 UTC (<c>weekly</c>).</summary>
    Weekly = 3,

    /// <summary>A UTC calendar month (<c>monthly</c>).</summary>
    Monthly = 4,

    /// <summary>A UTC calendar quarter starting January, April, July or October 1st (<c>quarterly</c>).</summary>
    Quarterly = 5,

    /// <summary>A UTC calendar year (<c>yearly</c>).</summary>
    Yearly = 6,

    /// <summary>Everything, from <see cref="DateTimeOffset.MinValue"/> to <see cref="DateTimeOffset.MaxValue"/> (<c>all_time</c>).</summary>
    AllTime = 7,
}

namespace TradingRobotPlug.Runtime.Tests.Storage;

/// <summary>State type stored by the Postgres storage tests.</summary>
public sealed class PostgresCounterState
{
    public int Count { get; set; }

    public string? Label { get; set; }

    public List<decimal> Prices { get; set; } = [];
}

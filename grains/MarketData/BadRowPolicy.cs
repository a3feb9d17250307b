namespace TradingRobotPlug.Grains.MarketData;

/// <summary>What <see cref="OhlcvCsvReader"/> does with a row that fails validation.</summary>
public enum BadRowPolicy
{
    /// <summary>
    /// Read on to collect every bad row, then throw one <see cref="CsvDataException"/> listing them all. <c>ReadAll</c>
    /// then returns nothing; a streaming read stops yielding at the first bad row.
    /// </summary>
    Fail = 1,

    /// <summary>Leave each bad row out and report it to the reader's callback; the good rows are returned.</summary>
    Skip = 2,
}

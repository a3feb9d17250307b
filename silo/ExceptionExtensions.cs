namespace TradingRobotPlug.Silo;

/// <summary>What the silo's commands print of a start-up failure.</summary>
internal static class ExceptionExtensions
{
    /// <summary>The innermost exception: the one that says what went wrong (host start-up wraps it, sometimes twice).</summary>
    public static Exception Innermost(this Exception ex)
    {
        while (ex.InnerException is { } inner)
        {
            ex = inner;
        }

        return ex;
    }
}

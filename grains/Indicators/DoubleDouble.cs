namespace TradingRobotPlug.Grains.Indicators;

/// <summary>
/// An unevaluated sum <c>Hi + Lo</c> of two doubles ("double-double", about 106 significant bits), used for running
/// sums that gain and lose terms forever (rolling windows, session totals). Adding and removing the same terms
/// leaves an error of the order of 2^-106 of the magnitudes involved instead of 2^-53, so rolling sums do not
/// drift and a variance computed as <c>n·Σx² − (Σx)²</c> keeps full double precision even when the mean is
/// thousands of times the standard deviation.
/// </summary>
/// <remarks>
/// Algorithms: TwoSum (Knuth, TAOCP vol. 2, §4.2.2), FastTwoSum (Dekker 1971) and the exact product via fused
/// multiply-add; the simple ("sloppy") double-double addition of Hida, Li and Bailey (QD library, 2001).
/// Inputs must be finite; the callers guarantee this.
/// </remarks>
internal readonly record struct DoubleDouble(double Hi, double Lo)
{
    /// <summary>The value rounded to the nearest double.</summary>
    public double Value => Hi + Lo;

    /// <summary>The exact product of two doubles (barring overflow/underflow).</summary>
    public static DoubleDouble Product(double a, double b)
    {
        var p = a * b;
        return new DoubleDouble(p, Math.FusedMultiplyAdd(a, b, -p));
    }

    public static DoubleDouble operator +(DoubleDouble a, double b)
    {
        var (s, e) = TwoSum(a.Hi, b);
        return Normalize(s, e + a.Lo);
    }

    public static DoubleDouble operator -(DoubleDouble a, double b) => a + (-b);

    public static DoubleDouble operator +(DoubleDouble a, DoubleDouble b)
    {
        var (s, e) = TwoSum(a.Hi, b.Hi);
        return Normalize(s, e + (a.Lo + b.Lo));
    }

    public static DoubleDouble operator -(DoubleDouble a) => new(-a.Hi, -a.Lo);

    public static DoubleDouble operator -(DoubleDouble a, DoubleDouble b) => a + (-b);

    public static DoubleDouble operator *(DoubleDouble a, double b)
    {
        var p = Product(a.Hi, b);
        return Normalize(p.Hi, p.Lo + a.Lo * b);
    }

    public static DoubleDouble operator *(DoubleDouble a, DoubleDouble b)
    {
        var p = Product(a.Hi, b.Hi);
        return Normalize(p.Hi, p.Lo + (a.Hi * b.Lo + a.Lo * b.Hi));
    }

    private static (double Sum, double Error) TwoSum(double a, double b)
    {
        var s = a + b;
        var bVirtual = s - a;
        var aVirtual = s - bVirtual;
        return (s, (a - aVirtual) + (b - bVirtual));
    }

    private static DoubleDouble Normalize(double s, double e)
    {
        var hi = s + e;
        return new DoubleDouble(hi, e - (hi - s));
    }
}

namespace TradingRobotPlug.Api.Features.Common;

/// <summary>The <c>page</c> and <c>pageSize</c> query of the list endpoints: checked the same way and applied to a sorted list.</summary>
public static class Paging
{
    /// <summary>Largest <c>pageSize</c>.</summary>
    public const int MaxPageSize = 500;

    /// <summary><c>pageSize</c> when not given.</summary>
    public const int DefaultPageSize = 50;

    /// <summary>Adds an error per bad value: <c>page</c> below 1, <c>pageSize</c> outside [1, <see cref="MaxPageSize"/>].</summary>
    public static void Check(FieldErrors errors, int? page, int? pageSize)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (page is < 1)
        {
            errors.Add("page", $"must be at least 1 (was {page}).");
        }

        if (pageSize is < 1 or > MaxPageSize)
        {
            errors.Add("pageSize", $"must be in [1, {MaxPageSize}] (was {pageSize}).");
        }
    }

    /// <summary>The page's items of <paramref name="all"/> (checked values; defaults page 1 and <see cref="DefaultPageSize"/>), with the page and size in effect.</summary>
    public static (IEnumerable<T> Items, int Page, int PageSize) Slice<T>(IEnumerable<T> all, int? page, int? pageSize)
    {
        int p = page ?? 1;
        int size = pageSize ?? DefaultPageSize;
        return (all.Skip((int)Math.Min(int.MaxValue, ((long)p - 1) * size)).Take(size), p, size);
    }
}

namespace TradingRobotPlug.Api.Features.Common;

/// <summary>One page of a sorted list.</summary>
/// <typeparam name="T">Item type.</typeparam>
/// <param name="Items">The items of the page (at most <paramref name="PageSize"/>).</param>
/// <param name="Page">1-based page number.</param>
/// <param name="PageSize">Items per page, 1–500.</param>
/// <param name="Total">Items in the whole list.</param>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);

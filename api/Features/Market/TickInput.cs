namespace TradingRobotPlug.Api.Features.Market;

/// <summary>One tick as posted.</summary>
/// <param name="Time">Event time (ISO-8601); at most 5 minutes in the future; not before the previous tick.</param>
/// <param name="Price">Trade price, a JSON number &gt; 0.</param>
/// <param name="Size">Units traded, ≥ 0 (default 0).</param>
/// <param name="Bid">Best bid, &gt; 0, ≤ ask (optional).</param>
/// <param name="Ask">Best ask, &gt; 0 (optional).</param>
public sealed record TickInput(DateTimeOffset? Time, decimal? Price, decimal? Size, decimal? Bid, decimal? Ask);

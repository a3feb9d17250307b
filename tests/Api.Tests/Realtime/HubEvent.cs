using System.Text.Json;

namespace TradingRobotPlug.Api.Tests.Realtime;

/// <summary>A client event received from a hub.</summary>
/// <param name="Target">The event name, e.g. <c>metrics</c>.</param>
/// <param name="Argument">Its single argument (default when none).</param>
/// <param name="ReceivedUtc">When it arrived (wall clock).</param>
/// <param name="ReceivedTimestamp">When it arrived, as <see cref="System.Diagnostics.Stopwatch.GetTimestamp"/> (for latency measurements).</param>
/// <param name="Index">Its position among every event the client received.</param>
public sealed record HubEvent(string Target, JsonElement Argument, DateTimeOffset ReceivedUtc, long ReceivedTimestamp, int Index);

namespace TradingRobotPlug.Api.Features.Replays;

/// <summary>A new speed for the running or paused replay (<c>PUT /api/v1/replays/current/speed</c>).</summary>
/// <param name="Speed">Bars per second, [0, 100000]; 0 = as fast as possible. Required.</param>
public sealed record ReplaySpeed(double? Speed);

/// <summary>A request to replay the current data set again from its first bar (<c>POST /api/v1/replays/current/restart</c>).</summary>
/// <param name="Symbol">The instrument to publish to; it must hold no bars of the data set's time range (a published bar
/// never changes). Default: the first free one of <c>{symbol}.R2</c>, <c>{symbol}.R3</c>, ….</param>
/// <param name="Speed">Bars per second, [0, 100000]; default: the current speed.</param>
public sealed record ReplayRestart(string? Symbol, double? Speed);

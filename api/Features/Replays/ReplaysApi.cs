using TradingRobotPlug.Api.Features.Common;
using TradingRobotPlug.Api.Replay;

namespace TradingRobotPlug.Api.Features.Replays;

/// <summary>The data-set and replay endpoints of docs/api.md.</summary>
public static class ReplaysApi
{
    /// <summary>Maps <c>/datasets</c> and <c>/replays</c> on <paramref name="v1"/> (the <c>/api/v1</c> group).</summary>
    public static RouteGroupBuilder MapReplaysApi(this RouteGroupBuilder v1)
    {
        ArgumentNullException.ThrowIfNull(v1);
        v1.MapGet("/datasets", (MarketReplayService replay) => TypedResults.Ok(replay.DataSets()))
            .WithTags("Replays").WithName("ListDataSets").WithSummary("Names of the replayable data sets.");
        var g = v1.MapGroup("/replays").WithTags("Replays");
        g.MapPost("/", Start).WithName("StartReplay")
            .WithSummary("Starts replaying a data set's bars through an instrument (speed in bars/s, 0 = as fast as possible); 409 while one runs.")
            .Produces<ReplayStatus>(StatusCodes.Status202Accepted).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        g.MapGet("/current", (MarketReplayService replay) => TypedResults.Ok(replay.Status)).WithName("GetReplay")
            .WithSummary("The replay's status and progress (percent, bars/s, ETA).");
        g.MapPost("/current/stop", Stop).WithName("StopReplay").WithSummary("Stops the running replay; 409 when none runs.")
            .Produces<ReplayStatus>().ProducesProblem(StatusCodes.Status409Conflict);
        return v1;
    }

    private static async Task<IResult> Start(ReplayStart request, MarketReplayService replay, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.DataSet))
        {
            var errors = new FieldErrors();
            errors.Add("dataSet", $"is required (one of {string.Join(", ", replay.DataSets())}).");
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var status = await replay.StartAsync(new ReplayRequest(request.DataSet, request.Symbol ?? DemoSeeder.Symbol, request.Speed ?? 0), cancellationToken);
        return TypedResults.Accepted("/api/v1/replays/current", status);
    }

    private static async Task<IResult> Stop(MarketReplayService replay) => TypedResults.Ok(await replay.StopAsync());
}

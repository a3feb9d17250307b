using TradingRobotPlug.Api.Security;
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
        g.MapPost("/", Start).WithName("StartReplay").RequireAuthorization(TradingPolicies.Operate)
            .WithSummary("Starts replaying a data set's bars through an instrument (speed in bars/s, 0 = as fast as possible); 409 while one runs.")
            .Produces<ReplayStatus>(StatusCodes.Status202Accepted).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        g.MapGet("/current", (MarketReplayService replay) => TypedResults.Ok(replay.Status)).WithName("GetReplay")
            .WithSummary("The replay's status and progress (percent, bars/s, ETA).");
        g.MapPost("/current/stop", Stop).WithName("StopReplay").RequireAuthorization(TradingPolicies.Operate).WithSummary("Stops the running or paused replay; 409 when none runs or is paused.")
            .Produces<ReplayStatus>().ProducesProblem(StatusCodes.Status409Conflict);
        g.MapPost("/current/pause", (MarketReplayService replay) => TypedResults.Ok(replay.Pause())).WithName("PauseReplay").RequireAuthorization(TradingPolicies.Operate)
            .WithSummary("Pauses the running replay where it is (state Paused); 409 when none runs.")
            .Produces<ReplayStatus>().ProducesProblem(StatusCodes.Status409Conflict);
        g.MapPost("/current/resume", (MarketReplayService replay) => TypedResults.Ok(replay.Resume())).WithName("ResumeReplay").RequireAuthorization(TradingPolicies.Operate)
            .WithSummary("Resumes the paused replay after its last published bar, at its current speed; 409 when none is paused.")
            .Produces<ReplayStatus>().ProducesProblem(StatusCodes.Status409Conflict);
        g.MapPut("/current/speed", SetSpeed).WithName("SetReplaySpeed").RequireAuthorization(TradingPolicies.Operate)
            .WithSummary("Changes the speed (bars/s, 0 = as fast as possible) of the running or paused replay; 409 when none runs or is paused.")
            .Produces<ReplayStatus>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        g.MapPost("/current/restart", Restart).WithName("RestartReplay").RequireAuthorization(TradingPolicies.Operate)
            .WithSummary("Replays the current data set again from its first bar, to a symbol that holds none of its bars (default: the next free {symbol}.Rn); stops a running replay first. 409 when none was started or the symbol holds its bars.")
            .Produces<ReplayStatus>(StatusCodes.Status202Accepted).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        g.MapGet("/preview", Preview).WithName("PreviewReplay")
            .WithSummary("What POST /replays would do now for a data set and symbol: bars already published, the range it would publish, and a sentence saying so.")
            .Produces<ReplayPreview>().ProducesValidationProblem();
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

    private static IResult SetSpeed(ReplaySpeed request, MarketReplayService replay)
    {
        if (request.Speed is not { } speed)
        {
            var errors = new FieldErrors();
            errors.Add("speed", "is required (bars per second in [0, 100000], 0 = as fast as possible).");
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        return TypedResults.Ok(replay.SetSpeed(speed));
    }

    private static async Task<IResult> Restart(ReplayRestart? request, MarketReplayService replay, CancellationToken cancellationToken)
    {
        var status = await replay.RestartAsync(string.IsNullOrWhiteSpace(request?.Symbol) ? null : request.Symbol.Trim(), request?.Speed, cancellationToken);
        return TypedResults.Accepted("/api/v1/replays/current", status);
    }

    private static async Task<IResult> Preview(string? dataSet, string? symbol, MarketReplayService replay, CancellationToken cancellationToken)
        => TypedResults.Ok(await replay.PreviewAsync(dataSet, string.IsNullOrWhiteSpace(symbol) ? null : symbol.Trim(), cancellationToken));
}

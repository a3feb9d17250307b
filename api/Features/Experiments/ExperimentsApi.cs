using System.Security.Claims;
using TradingRobotPlug.Api.Features.Common;
using TradingRobotPlug.Api.Security;
using TradingRobotPlug.GrainInterfaces.Experiments;
using TradingRobotPlug.GrainInterfaces.Strategies;
using TradingRobotPlug.GrainInterfaces.Trading;
using Orleans;

namespace TradingRobotPlug.Api.Features.Experiments;

/// <summary>
/// The experiment endpoints of docs/api.md under <c>/api/v1/experiments</c>. An experiment belongs to the owner that
/// created it (<see cref="ExperimentSettings.Owner"/>) and compares two of that owner's strategies; another owner's
/// experiment answers 404, and the list holds only what the caller may read (an operator reads everyone's).
/// </summary>
public static class ExperimentsApi
{

    /// <summary>Maps the experiment endpoints on <paramref name="v1"/> (the <c>/api/v1</c> group).</summary>
    public static RouteGroupBuilder MapExperimentsApi(this RouteGroupBuilder v1)
    {
        ArgumentNullException.ThrowIfNull(v1);
        var g = v1.MapGroup("/experiments").WithTags("Experiments");
        g.MapPost("/", Create).WithName("CreateExperiment").RequireAuthorization(TradingPolicies.Trade)
            .WithSummary("Creates an A/B experiment of two existing strategies (201); 200 when an identical one exists, 409 when a different one does.")
            .Produces<ExperimentSnapshot>(StatusCodes.Status201Created).Produces<ExperimentSnapshot>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        g.MapGet("/", List).WithName("ListExperiments").WithSummary("Lists experiments by id, paged.")
            .Produces<PagedResult<ExperimentSnapshot>>().ProducesValidationProblem();
        g.MapGet("/{id}", Get).WithName("GetExperiment").WithSummary("An experiment's definition, status and paired statistics.")
            .Produces<ExperimentSnapshot>().ProducesProblem(StatusCodes.Status404NotFound);
        g.MapPost("/{id}/stop", Stop).WithName("StopExperiment").RequireAuthorization(TradingPolicies.Trade)
            .WithSummary("Stops an experiment: the arms' open trading days are closed and the result is final; 409 when not running.")
            .Produces<ExperimentSnapshot>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return v1;
    }

    /// <summary>Validates a definition by field (<c>id</c>, <c>name</c>, <c>control</c>, <c>treatment</c>); null settings when invalid.</summary>
    public static (string? Id, ExperimentSettings? Settings) Bind(ExperimentDefinition definition, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(errors);
        if (definition.Name is null)
        {
            errors.Add("name", "is required.");
        }
        else if (StrategyLabels.NameError(definition.Name) is { } nameError)
        {
            errors.Add("name", nameError);
        }

        StrategyId control = Arm(definition.Control, "control", errors);
        StrategyId treatment = Arm(definition.Treatment, "treatment", errors);
        if (!control.IsDefault && control == treatment)
        {
            errors.Add("treatment", $"must be another strategy than the control ('{control}').");
        }

        string? id = null;
        var idText = definition.Id ?? definition.Name?.Replace(' ', '-');
        if (idText is not null && !ExperimentKeys.TryNormalize(idText, out id, out var idError))
        {
            errors.Add("id", definition.Id is null ? $"the id derived from the name ({idError}) is not valid; give an id." : idError);
        }

        return errors.IsEmpty ? (id, new ExperimentSettings(definition.Name!, control, treatment)) : (id, null);
    }

    private static StrategyId Arm(string? text, string field, FieldErrors errors)
    {
        if (text is null)
        {
            errors.Add(field, "is required (the id of an existing strategy).");
            return default;
        }

        if (!StrategyId.TryParse(text, out var id))
        {
            errors.Add(field, $"'{text}' is not a valid strategy id.");
        }

        return id;
    }

    private static async Task<IResult> Create(ExperimentDefinition definition, IClusterClient client, ClaimsPrincipal user)
    {
        var errors = new FieldErrors();
        var (id, settings) = Bind(definition, errors);
        if (settings is null || id is null)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The experiment definition is invalid.");
        }

        // The arms must be the caller's own strategies: the grain answers another owner's strategy as an unknown one.
        settings = settings with { Owner = Owners.ToStored(user.Owner()) };
        var grain = client.GetGrain<IExperimentGrain>(id);
        var before = await grain.GetSnapshot();
        var existed = before.Status != ExperimentStatus.None;

        // An unknown arm or arms on other instruments are an ArgumentException keyed by the field (400), a different
        // existing experiment an InvalidOperationException (409): both mapped by ApiExceptionHandler.
        var snapshot = await grain.Create(settings);
        return existed ? TypedResults.Ok(snapshot) : TypedResults.Created($"/api/v1/experiments/{id}", snapshot);
    }

    private static async Task<IResult> List(IClusterClient client, ClaimsPrincipal user, int? page, int? pageSize)
    {
        var errors = new FieldErrors();
        Paging.Check(errors, page, pageSize);

        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var readable = await ListReadable(client, user);
        var (items, p, size) = Paging.Slice(readable, page, pageSize);
        return TypedResults.Ok(new PagedResult<ExperimentSnapshot>([.. items], p, size, readable.Count));
    }

    /// <summary>Every experiment <paramref name="user"/> may read (its own; an operator's, everyone's), by id (ordinal):
    /// the REST list and the join state of the hub's <c>experiments</c> group.</summary>
    public static async Task<List<ExperimentSnapshot>> ListReadable(IClusterClient client, ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(user);
        var ids = await client.GetGrain<IExperimentDirectoryGrain>(IExperimentDirectoryGrain.Key).List();
        var all = await Task.WhenAll(ids.Select(id => client.GetGrain<IExperimentGrain>(id).GetSnapshot()));
        return [.. all.Where(e => e.Status != ExperimentStatus.None && user.CanRead(e.Settings?.Owner))];
    }

    private static async Task<IResult> Get(string id, IClusterClient client, ClaimsPrincipal user)
        => await Find(client, id, user) is { } found ? TypedResults.Ok(found.Snapshot) : NotFound(id);

    private static async Task<IResult> Stop(string id, IClusterClient client, ClaimsPrincipal user)
        => await Find(client, id, user, change: true) is { } found ? TypedResults.Ok(await found.Grain.Stop()) : NotFound(id);

    /// <summary>
    /// The experiment <paramref name="id"/> when it exists and <paramref name="user"/> may read it (its own, or an
    /// operator's read) or change it (<paramref name="change"/>: its own only); null otherwise, so that another owner's
    /// experiment is answered exactly as a missing one.
    /// </summary>
    public static async Task<(IExperimentGrain Grain, ExperimentSnapshot Snapshot)?> Find(IClusterClient client, string id, ClaimsPrincipal user, bool change = false)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(user);
        if (!ExperimentKeys.TryNormalize(id, out var key, out _))
        {
            return null;
        }

        var grain = client.GetGrain<IExperimentGrain>(key);
        var snapshot = await grain.GetSnapshot();
        if (snapshot.Status == ExperimentStatus.None)
        {
            return null;
        }

        var owner = snapshot.Settings?.Owner;
        return (change ? user.Owns(owner) : user.CanRead(owner)) ? (grain, snapshot) : null;
    }

    private static IResult NotFound(string id)
        => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown experiment.", detail: $"No experiment with id '{id}'.");
}

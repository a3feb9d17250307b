using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using TradingRobotPlug.Api.Features.Alerts;
using TradingRobotPlug.Api.Features.Common;
using TradingRobotPlug.Api.Security;
using TradingRobotPlug.GrainInterfaces.Alerts;
using TradingRobotPlug.GrainInterfaces.Grains;
using TradingRobotPlug.GrainInterfaces.Market;
using TradingRobotPlug.GrainInterfaces.Strategies;
using TradingRobotPlug.GrainInterfaces.Trading;
using TradingRobotPlug.Grains.Strategies;
using Orleans;
using Orleans.Runtime;

namespace TradingRobotPlug.Api.Features.Strategies;

/// <summary>
/// The strategy endpoints of docs/api.md under <c>/api/v1/strategies</c>. Each strategy belongs to an owner
/// (<see cref="StrategySettings.Owner"/>): a caller reads its own (an operator everyone's) and changes only its own (the
/// trader role); another owner's strategy answers 404 on every route, and lists hold only what the caller may read.
/// </summary>
public static class StrategiesApi
{
    private const int MaxTradeLimit = 1000;

    /// <summary>Maps the strategy endpoints on <paramref name="v1"/> (the <c>/api/v1</c> group).</summary>
    public static RouteGroupBuilder MapStrategiesApi(this RouteGroupBuilder v1)
    {
        ArgumentNullException.ThrowIfNull(v1);
        var g = v1.MapGroup("/strategies").WithTags("Strategies");
        g.MapPost("/", Create).WithName("CreateStrategy").RequireAuthorization(TradingPolicies.Trade)
            .WithSummary("Creates a strategy from a definition (201); 200 when an identical one exists, 409 when a different one does or another owner holds the id.")
            .Produces<StrategyDetails>(StatusCodes.Status201Created).Produces<StrategyDetails>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        g.MapGet("/", List).WithName("ListStrategies")
            .WithSummary("Lists strategy summaries, sorted by any summary metric and paged.")
            .Produces<PagedResult<StrategySummary>>().ProducesValidationProblem();
        g.MapGet("/{id}", Get).WithName("GetStrategy").WithSummary("A strategy's definition, status and summary.")
            .Produces<StrategyDetails>().ProducesProblem(StatusCodes.Status404NotFound);
        g.MapGet("/{id}/snapshot", GetSnapshot).WithName("GetStrategySnapshot")
            .WithSummary("Cash, equity, positions, open orders and the latest all-time metrics.")
            .Produces<StrategySnapshot>().ProducesProblem(StatusCodes.Status404NotFound);
        g.MapPost("/{id}/start", Start).WithName("StartStrategy").RequireAuthorization(TradingPolicies.Trade).WithSummary("Starts trading; 409 when already running.")
            .Produces<StrategyDetails>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        g.MapPost("/{id}/stop", Stop).WithName("StopStrategy").RequireAuthorization(TradingPolicies.Trade).WithSummary("Stops trading (state is kept).")
            .Produces<StrategyDetails>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        g.MapPost("/{id}/pause", Pause).WithName("PauseStrategy").RequireAuthorization(TradingPolicies.Trade).WithSummary("Pauses trading (bars are ignored); 409 when not running.")
            .Produces<StrategyDetails>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        g.MapDelete("/{id}", Delete).WithName("DeleteStrategy").RequireAuthorization(TradingPolicies.Trade).WithSummary("Deletes a strategy with its positions and metrics buckets.")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
        g.MapGet("/{id}/metrics", GetMetrics).WithName("GetStrategyMetrics")
            .WithSummary("Metrics buckets of one level (default all_time) whose period starts in [from, to).")
            .Produces<MetricsPeriods>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        g.MapGet("/{id}/equity", GetEquity).WithName("GetStrategyEquity")
            .WithSummary("Equity curve with drawdown; maxPoints downsamples keeping the first, last and each bucket's deepest-drawdown point.")
            .Produces<EquityCurve>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        g.MapGet("/{id}/trades", GetTrades).WithName("GetStrategyTrades")
            .WithSummary("Round-trip trades, oldest first, filtered by instrument and entry time, with cursor paging.")
            .Produces<TradePage>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        g.MapGet("/{id}/rejections", GetRejections).WithName("GetStrategyRejections").WithSummary("Rejected orders with reasons.")
            .Produces<IReadOnlyList<OrderRejected>>().ProducesProblem(StatusCodes.Status404NotFound);
        g.MapGet("/{id}/alerts", GetAlerts).WithName("GetStrategyAlerts").WithSummary("Alert thresholds and the alerts raised.")
            .Produces<StrategyAlerts>().ProducesProblem(StatusCodes.Status404NotFound);
        g.MapPut("/{id}/alerts", PutAlerts).WithName("PutStrategyAlerts").RequireAuthorization(TradingPolicies.Trade).WithSummary("Replaces the alert thresholds.")
            .Produces<StrategyAlerts>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        return v1;
    }

    /// <summary>The summaries of the strategies <paramref name="user"/> may read (see <see cref="Readable"/>).</summary>
    public static async Task<IReadOnlyList<StrategySummary>> AllSummaries(IClusterClient client, ClaimsPrincipal user)
        => [.. (await Readable(client, user)).Select(StrategySummary.From)];

    /// <summary>
    /// The snapshots of the strategies <paramref name="user"/> may read: its own, or everyone's for an operator; fetched
    /// concurrently from the directory's ids (fine for hundreds of strategies).
    /// </summary>
    public static async Task<IReadOnlyList<StrategySnapshot>> Readable(IClusterClient client, ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(user);
        var ids = await client.GetGrain<IStrategyDirectoryGrain>(IStrategyDirectoryGrain.Key).List();
        var snapshots = await Task.WhenAll(ids.Select(id => client.GetGrain<IStrategyGrain>(id.ToString()).GetSnapshot()));
        return [.. snapshots.Where(s => s.Status != StrategyStatus.None && user.CanRead(s.Settings?.Owner))];
    }

    /// <summary>Checks a sort key and order; null when valid.</summary>
    public static FieldErrors CheckSort(string sort, string? order)
    {
        var errors = new FieldErrors();
        if (!StrategyRanking.IsKnown(sort))
        {
            errors.Add("sort", $"'{sort}' is not a summary metric (one of {string.Join(", ", StrategyRanking.SortKeys)}).");
        }

        if (order is not null && order is not "asc" and not "desc")
        {
            errors.Add("order", $"'{order}' is not asc or desc.");
        }

        return errors;
    }

    private static async Task<IResult> Create(StrategyDefinition definition, IClusterClient client, ClaimsPrincipal user)
    {
        var registry = StrategyRegistry.Default;
        var errors = new FieldErrors();
        var (id, settings) = StrategyDefinitionBinder.Bind(definition, registry, errors);
        if (settings is null || !errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The strategy definition is invalid.");
        }

        settings = settings with { Owner = Owners.ToStored(user.Owner()) };
        var grain = client.GetGrain<IStrategyGrain>(id.ToString());
        // Exactly one of concurrent identical creates gets true (201); the grain decides, not a read before the write.
        var created = await grain.Create(settings);
        if (definition.Alerts is { } alerts)
        {
            await grain.SetAlertThresholds(alerts);
        }

        if (definition.Start != false)
        {
            await grain.StartIfCreated();
        }

        var details = Details(await grain.GetSnapshot(), registry);
        return created ? TypedResults.Created($"/api/v1/strategies/{id}", details) : TypedResults.Ok(details);
    }

    private static async Task<IResult> List(
        IClusterClient client,
        ClaimsPrincipal user,
        string? sort,
        string? order,
        int? page,
        int? pageSize)
    {
        var key = string.IsNullOrWhiteSpace(sort) ? "id" : sort.Trim();
        var errors = CheckSort(key, order);
        Paging.Check(errors, page, pageSize);

        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var all = StrategyRanking.Sort(await AllSummaries(client, user), key, order == "desc");
        var (items, p, size) = Paging.Slice(all, page, pageSize);
        return TypedResults.Ok(new PagedResult<StrategySummary>([.. items], p, size, all.Count));
    }

    private static async Task<IResult> Get(string id, IClusterClient client, ClaimsPrincipal user)
        => await Find(client, id, user) is { } found ? TypedResults.Ok(Details(found.Snapshot, StrategyRegistry.Default)) : NotFound(id);

    private static async Task<IResult> GetSnapshot(string id, IClusterClient client, ClaimsPrincipal user)
        => await Find(client, id, user) is { } found ? TypedResults.Ok(found.Snapshot) : NotFound(id);

    private static Task<IResult> Start(string id, IClusterClient client, ClaimsPrincipal user) => Transition(id, client, user, g => g.Start());

    private static Task<IResult> Stop(string id, IClusterClient client, ClaimsPrincipal user) => Transition(id, client, user, g => g.Stop());

    private static Task<IResult> Pause(string id, IClusterClient client, ClaimsPrincipal user) => Transition(id, client, user, g => g.Pause());

    private static async Task<IResult> Transition(string id, IClusterClient client, ClaimsPrincipal user, Func<IStrategyGrain, Task> change)
    {
        if (await Find(client, id, user, change: true) is not { } found)
        {
            return NotFound(id);
        }

        await change(found.Grain);
        return TypedResults.Ok(Details(await found.Grain.GetSnapshot(), StrategyRegistry.Default));
    }

    private static async Task<IResult> Delete(string id, IClusterClient client, ClaimsPrincipal user)
    {
        if (await Find(client, id, user, change: true) is not { } found)
        {
            return NotFound(id);
        }

        await found.Grain.Delete();
        return TypedResults.NoContent();
    }

    private static async Task<IResult> GetMetrics(string id, IClusterClient client, ClaimsPrincipal user, string? level, DateTimeOffset? from, DateTimeOffset? to)
        => await Find(client, id, user) is { } found
            ? await MetricsQuery.Read(client, found.Snapshot.Id.ToString(), level, from, to)
            : NotFound(id);

    private static async Task<IResult> GetEquity(string id, IClusterClient client, ClaimsPrincipal user, int? maxPoints)
    {
        if (maxPoints is < 2)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["maxPoints"] = [$"must be at least 2 (was {maxPoints})."] });
        }

        if (await Find(client, id, user) is not { } found)
        {
            return NotFound(id);
        }

        var points = EquityDownsampler.WithDrawdown(await found.Grain.GetEquityCurve());
        return TypedResults.Ok(new EquityCurve(maxPoints is { } max ? EquityDownsampler.Downsample(points, max) : points));
    }

    private static async Task<IResult> GetTrades(
        string id,
        IClusterClient client,
        ClaimsPrincipal user,
        string? instrument,
        DateTimeOffset? from,
        DateTimeOffset? to,
        string? cursor,
        int? limit)
    {
        var errors = new FieldErrors();
        InstrumentId? symbol = null;
        if (instrument is not null)
        {
            if (InstrumentId.TryParse(instrument, out var parsed))
            {
                symbol = parsed;
            }
            else
            {
                errors.Add("instrument", $"'{instrument}' is not a valid symbol.");
            }
        }

        int start = 0;
        if (cursor is not null && !TradeCursor.TryDecode(cursor, out start))
        {
            errors.Add("cursor", "is not a cursor returned by this endpoint.");
        }

        if (limit is < 1 or > MaxTradeLimit)
        {
            errors.Add("limit", $"must be in [1, {MaxTradeLimit}] (was {limit}).");
        }

        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        if (await Find(client, id, user) is not { } found)
        {
            return NotFound(id);
        }

        var trades = await found.Grain.GetTrades();
        int take = limit ?? 100;
        var items = new List<TradeRecord>(Math.Min(take, trades.Length));
        int i = Math.Min(start, trades.Length);
        for (; i < trades.Length && items.Count < take; i++)
        {
            var t = trades[i];
            if ((symbol is null || t.Instrument == symbol) && (from is null || t.EntryTime >= from) && (to is null || t.EntryTime < to))
            {
                items.Add(t);
            }
        }

        // Look ahead so that the last page says so instead of handing out a cursor to an empty page.
        bool more = false;
        for (int j = i; j < trades.Length && !more; j++)
        {
            var t = trades[j];
            more = (symbol is null || t.Instrument == symbol) && (from is null || t.EntryTime >= from) && (to is null || t.EntryTime < to);
        }

        return TypedResults.Ok(new TradePage(items, more ? TradeCursor.Encode(i) : null));
    }

    private static async Task<IResult> GetRejections(string id, IClusterClient client, ClaimsPrincipal user)
        => await Find(client, id, user) is { } found ? TypedResults.Ok(await found.Grain.GetRejectedOrders()) : NotFound(id);

    private static async Task<IResult> GetAlerts(string id, IClusterClient client, ClaimsPrincipal user)
        => await Find(client, id, user) is { } found
            ? TypedResults.Ok(new StrategyAlerts(await found.Grain.GetAlertThresholds(), [.. (await found.Grain.GetAlerts()).Reverse()]))
            : NotFound(id);

    private static async Task<IResult> PutAlerts(string id, AlertThresholds thresholds, IClusterClient client, ClaimsPrincipal user)
    {
        var problems = thresholds.Validate();
        if (problems.Count > 0)
        {
            var errors = new FieldErrors();
            foreach (var (field, error) in problems)
            {
                errors.Add(field, error);
            }

            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        if (await Find(client, id, user, change: true) is not { } found)
        {
            return NotFound(id);
        }

        await found.Grain.SetAlertThresholds(thresholds);
        return TypedResults.Ok(new StrategyAlerts(await found.Grain.GetAlertThresholds(), [.. (await found.Grain.GetAlerts()).Reverse()]));
    }

    /// <summary>
    /// The strategy <paramref name="id"/> when it exists and <paramref name="user"/> may read it (its own, or an
    /// operator's read), or change it (<paramref name="change"/>: its own only); null otherwise, so that another owner's
    /// strategy is answered exactly as a missing one.
    /// </summary>
    public static async Task<(IStrategyGrain Grain, StrategySnapshot Snapshot)?> Find(IClusterClient client, string id, ClaimsPrincipal user, bool change = false)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(user);
        if (!StrategyId.TryParse(id, out var parsed))
        {
            return null;
        }

        var grain = client.GetGrain<IStrategyGrain>(parsed.ToString());
        var snapshot = await grain.GetSnapshot();
        if (snapshot.Status == StrategyStatus.None)
        {
            return null;
        }

        var owner = snapshot.Settings?.Owner;
        return (change ? user.Owns(owner) : user.CanRead(owner)) ? (grain, snapshot) : null;
    }

    private static StrategyDetails Details(StrategySnapshot snapshot, StrategyRegistry registry)
        => new(snapshot.Id.ToString(), StrategyDefinitionBinder.ToDefinition(snapshot.Id, snapshot.Settings!, registry), snapshot.Status, StrategySummary.From(snapshot));

    private static ProblemHttpResult NotFound(string id)
        => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown strategy.", detail: $"No strategy with id '{id}'.");
}

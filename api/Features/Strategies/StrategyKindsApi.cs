using TradingRobotPlug.Grains.Strategies;

namespace TradingRobotPlug.Api.Features.Strategies;

/// <summary>The strategy-kind catalogue: what <c>POST /api/v1/strategies</c> accepts as <c>kind</c> and <c>parameters</c>.</summary>
public static class StrategyKindsApi
{
    /// <summary>Maps <c>GET /strategy-kinds</c> and <c>GET /strategy-kinds/{kind}</c> on <paramref name="v1"/> (the <c>/api/v1</c> group).</summary>
    public static RouteGroupBuilder MapStrategyKindsApi(this RouteGroupBuilder v1)
    {
        ArgumentNullException.ThrowIfNull(v1);
        var g = v1.MapGroup("/strategy-kinds").WithTags("Strategies");
        g.MapGet("/", () => TypedResults.Ok(All(StrategyRegistry.Default))).WithName("ListStrategyKinds")
            .WithSummary("Every strategy kind with its parameters (type, default, inclusive range, help) and cross-parameter rules, sorted by kind.")
            .Produces<IReadOnlyList<StrategyKind>>();
        g.MapGet("/{kind}", Get).WithName("GetStrategyKind")
            .WithSummary("One strategy kind with its parameters; 404 when unknown.")
            .Produces<StrategyKind>().ProducesProblem(StatusCodes.Status404NotFound);
        return v1;
    }

    /// <summary>Every kind of <paramref name="registry"/>, sorted by kind.</summary>
    public static IReadOnlyList<StrategyKind> All(StrategyRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return [.. registry.Definitions.Select(StrategyKind.From)];
    }

    private static IResult Get(string kind)
    {
        var registry = StrategyRegistry.Default;
        return registry.TryGetDefinition(kind.Trim().ToLowerInvariant(), out var definition)
            ? TypedResults.Ok(StrategyKind.From(definition))
            : TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "Unknown strategy kind.",
                detail: $"No strategy kind '{kind}' (known: {string.Join(", ", registry.Definitions.Select(d => d.Kind))}).");
    }
}

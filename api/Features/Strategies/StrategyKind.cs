using TradingRobotPlug.Grains.Strategies;

namespace TradingRobotPlug.Api.Features.Strategies;

/// <summary>A strategy kind as <c>GET /api/v1/strategy-kinds</c> describes it, for building a strategy form.</summary>
/// <param name="Kind">The kind name used as <see cref="StrategyDefinition.Kind"/>, e.g. <c>sma-cross</c>.</param>
/// <param name="Description">One line saying what the strategy does.</param>
/// <param name="Parameters">Its parameters in declaration order, with defaults, ranges and help.</param>
/// <param name="Rules">Cross-parameter rules, each as the names of the parameters it reads (e.g. <c>["fast", "slow"]</c> for fast &lt; slow).</param>
public sealed record StrategyKind(string Kind, string Description, IReadOnlyList<StrategyKindParameter> Parameters, IReadOnlyList<IReadOnlyList<string>> Rules)
{
    /// <summary>The description of a registry definition.</summary>
    public static StrategyKind From(Grains.Strategies.StrategyDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return new(
            definition.Kind,
            definition.Description,
            [.. definition.Parameters.Select(StrategyKindParameter.From)],
            [.. definition.Rules.Select(r => (IReadOnlyList<string>)[.. r.Parameters])]);
    }
}

/// <summary>One parameter of a strategy kind; values are sent in <see cref="StrategyDefinition.Parameters"/> under <paramref name="Name"/>.</summary>
/// <param name="Name">Parameter name (lower case), e.g. <c>fast</c>.</param>
/// <param name="Type"><c>integer</c>, <c>real</c> or <c>boolean</c>.</param>
/// <param name="Default">The value used when the parameter is omitted (booleans: 0 or 1).</param>
/// <param name="Minimum">Smallest accepted value, inclusive (booleans: 0).</param>
/// <param name="Maximum">Largest accepted value, inclusive (booleans: 1).</param>
/// <param name="Description">What the parameter means, with its unit.</param>
public sealed record StrategyKindParameter(string Name, string Type, double Default, double Minimum, double Maximum, string Description)
{
    /// <summary>The description of a registry parameter.</summary>
    public static StrategyKindParameter From(StrategyParameter parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        var type = parameter.Type switch
        {
            StrategyParameterType.Integer => "integer",
            StrategyParameterType.Real => "real",
            _ => "boolean",
        };
        return new(parameter.Name, type, parameter.Default, parameter.Minimum, parameter.Maximum, parameter.Description);
    }
}

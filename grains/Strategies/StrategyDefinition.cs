using System.Text.RegularExpressions;

namespace TradingRobotPlug.Grains.Strategies;

/// <summary>
/// Describes one strategy kind: its name, parameters (with defaults and ranges), cross-parameter rules and how to
/// build an instance. A kind publishes its definition through <see cref="IStrategyKind.Definition"/>.
/// </summary>
public sealed partial class StrategyDefinition
{
    private readonly Func<StrategyArguments, Strategy> _factory;

    /// <summary>Creates a definition.</summary>
    /// <param name="kind">Kind name used in specs: lower-case letters, digits and '-', starting with a letter.</param>
    /// <param name="description">One line saying what the strategy does.</param>
    /// <param name="parameters">Declared parameters (unique names).</param>
    /// <param name="factory">Builds an instance from checked arguments.</param>
    /// <param name="rules">Optional cross-parameter checks (e.g. fast &lt; slow); each must name declared parameters.</param>
    /// <exception cref="ArgumentException">The kind is malformed, a parameter name repeats, or a rule names an undeclared parameter.</exception>
    public StrategyDefinition(
        string kind,
        string description,
        IReadOnlyList<StrategyParameter> parameters,
        Func<StrategyArguments, Strategy> factory,
        IReadOnlyList<StrategyRule>? rules = null)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(factory);
        if (!KindPattern().IsMatch(kind))
        {
            throw new ArgumentException($"Strategy kind '{kind}' must be lower-case letters, digits and '-', starting with a letter.", nameof(kind));
        }

        var duplicate = parameters.GroupBy(p => p.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Strategy kind '{kind}' declares parameter '{duplicate.Key}' twice.", nameof(parameters));
        }

        rules ??= [];
        var undeclared = rules.SelectMany(r => r.Parameters).FirstOrDefault(name => !parameters.Any(p => p.Name == name));
        if (undeclared is not null)
        {
            throw new ArgumentException($"A rule of strategy kind '{kind}' names undeclared parameter '{undeclared}'.", nameof(rules));
        }

        Kind = kind;
        Description = description;
        Parameters = parameters;
        Rules = rules;
        _factory = factory;
    }

    /// <summary>The kind name.</summary>
    public string Kind { get; }

    /// <summary>What the strategy does.</summary>
    public string Description { get; }

    /// <summary>Declared parameters, in declaration order.</summary>
    public IReadOnlyList<StrategyParameter> Parameters { get; }

    /// <summary>Cross-parameter rules.</summary>
    public IReadOnlyList<StrategyRule> Rules { get; }

    /// <summary>Checks a spec of this kind and returns its typed arguments (defaults filled in).</summary>
    /// <exception cref="StrategySpecException">Every problem: wrong kind, unknown parameter, unreadable or out-of-range value, broken rule.</exception>
    public StrategyArguments Bind(StrategySpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var errors = new List<string>();
        var arguments = Bind(spec, errors, checkRules: true);
        return arguments is not null && errors.Count == 0 ? arguments : throw new StrategySpecException(spec.ToString(), errors);
    }

    /// <summary>Checks a spec of this kind and builds a strategy.</summary>
    /// <exception cref="StrategySpecException">See <see cref="Bind(StrategySpec)"/>.</exception>
    public Strategy Create(StrategySpec spec) => Create(Bind(spec));

    internal Strategy Create(StrategyArguments arguments) => _factory(arguments);

    /// <summary>
    /// Records every problem in <paramref name="errors"/>; returns the arguments when there is none. Rules run when
    /// <paramref name="checkRules"/> is set and the parameters they read are valid.
    /// </summary>
    internal StrategyArguments? Bind(StrategySpec spec, List<string> errors, bool checkRules)
    {
        var before = errors.Count;
        if (spec.Kind != Kind)
        {
            errors.Add($"spec kind '{spec.Kind}' does not match '{Kind}'");
        }

        foreach (var (name, _) in spec.Parameters)
        {
            if (!Parameters.Any(p => p.Name == name))
            {
                var known = Parameters.Count == 0 ? "it takes no parameters" : $"known: {string.Join(", ", Parameters.Select(p => p.Name))}";
                errors.Add($"unknown parameter '{name}' for '{Kind}' ({known})");
            }
        }

        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        var texts = new List<KeyValuePair<string, string>>();
        foreach (var parameter in Parameters)
        {
            var text = spec.TryGetParameter(parameter.Name, out var given) ? given : parameter.DefaultText;
            if (parameter.TryConvert(text, out var value, out var error))
            {
                values.Add(parameter.Name, value);
                texts.Add(KeyValuePair.Create(parameter.Name, parameter.Format(value)));
            }
            else
            {
                errors.Add(error);
            }
        }

        if (checkRules)
        {
            foreach (var rule in Rules)
            {
                if (rule.Parameters.All(values.ContainsKey) && rule.Check(values) is { } violation)
                {
                    errors.Add(violation);
                }
            }
        }

        return errors.Count > before ? null : new StrategyArguments(this, new StrategySpec(Kind, texts), values);
    }

    [GeneratedRegex("^[a-z][a-z0-9-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex KindPattern();
}

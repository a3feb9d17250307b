using System.Diagnostics.CodeAnalysis;
using System.Reflection;

namespace TradingRobotPlug.Grains.Strategies;

/// <summary>
/// Maps strategy kinds to their definitions; validates specs (reporting every problem at once) and builds
/// strategies. Immutable and thread-safe.
/// </summary>
public sealed class StrategyRegistry
{
    private static readonly Lazy<StrategyRegistry> LazyDefault = new(() => Discover(typeof(StrategyRegistry).Assembly));

    private readonly Dictionary<string, StrategyDefinition> _definitions;

    /// <summary>Creates a registry from explicit definitions.</summary>
    /// <exception cref="ArgumentException">Two definitions share a kind.</exception>
    public StrategyRegistry(IEnumerable<StrategyDefinition> definitions)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        _definitions = new Dictionary<string, StrategyDefinition>(StringComparer.Ordinal);
        foreach (var definition in definitions)
        {
            if (!_definitions.TryAdd(definition.Kind, definition))
            {
                throw new ArgumentException($"Strategy kind '{definition.Kind}' is defined twice.", nameof(definitions));
            }
        }

        Definitions = [.. _definitions.Values.OrderBy(d => d.Kind, StringComparer.Ordinal)];
    }

    /// <summary>Every built-in kind: all classes of this assembly that implement <see cref="IStrategyKind"/>.</summary>
    public static StrategyRegistry Default => LazyDefault.Value;

    /// <summary>The definitions, sorted by kind.</summary>
    public IReadOnlyList<StrategyDefinition> Definitions { get; }

    /// <summary>Builds a registry from every non-abstract class implementing <see cref="IStrategyKind"/> in the given assemblies.</summary>
    /// <exception cref="ArgumentException">Two classes define the same kind.</exception>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Strategy classes are referenced through IStrategyKind and kept by the application.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Only used on JIT runtimes.")]
    public static StrategyRegistry Discover(params Assembly[] assemblies)
    {
        ArgumentNullException.ThrowIfNull(assemblies);
        var read = typeof(StrategyRegistry).GetMethod(nameof(ReadDefinition), BindingFlags.NonPublic | BindingFlags.Static)!;
        var definitions = assemblies
            .SelectMany(a => a.GetTypes())
            .Where(t => t is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false } && typeof(IStrategyKind).IsAssignableFrom(t))
            .Select(t => (StrategyDefinition)read.MakeGenericMethod(t).Invoke(null, null)!);
        return new StrategyRegistry(definitions);
    }

    /// <summary>Looks up a kind (lower case).</summary>
    public bool TryGetDefinition(string kind, [NotNullWhen(true)] out StrategyDefinition? definition) =>
        _definitions.TryGetValue(kind, out definition);

    /// <summary>Every problem with a spec text (syntax, unknown kind, unknown parameter, bad value, broken rule); empty when valid.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="spec"/> is null.</exception>
    public IReadOnlyList<string> GetErrors(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var errors = new List<string>();
        Check(spec, errors);
        return errors;
    }

    /// <summary>Checks a spec text and returns it normalized (every parameter, canonical values), e.g. <c>sma-cross:fast=20</c> → <c>sma-cross:fast=20,short=false,slow=200</c>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="spec"/> is null.</exception>
    /// <exception cref="StrategySpecException">Every problem found.</exception>
    public StrategySpec Validate(string spec) => Bind(spec).Spec;

    /// <summary>Checks a parsed spec and returns it normalized.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="spec"/> is null.</exception>
    /// <exception cref="StrategySpecException">Every problem found.</exception>
    public StrategySpec Validate(StrategySpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return Bind(spec.ToString()).Spec;
    }

    /// <summary>Checks a spec text and builds the strategy.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="spec"/> is null.</exception>
    /// <exception cref="StrategySpecException">Every problem found.</exception>
    public Strategy Create(string spec)
    {
        var arguments = Bind(spec);
        return _definitions[arguments.Spec.Kind].Create(arguments);
    }

    /// <summary>Checks a parsed spec and builds the strategy.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="spec"/> is null.</exception>
    /// <exception cref="StrategySpecException">Every problem found.</exception>
    public Strategy Create(StrategySpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return Create(spec.ToString());
    }

    private static StrategyDefinition ReadDefinition<T>()
        where T : IStrategyKind => T.Definition;

    private StrategyArguments Bind(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var errors = new List<string>();
        var arguments = Check(spec, errors);
        return arguments is not null && errors.Count == 0 ? arguments : throw new StrategySpecException(spec, errors);
    }

    private StrategyArguments? Check(string text, List<string> errors)
    {
        var spec = StrategySpec.ParseCore(text, errors);
        if (spec is null)
        {
            return null;
        }

        if (!_definitions.TryGetValue(spec.Kind, out var definition))
        {
            errors.Add($"unknown strategy kind '{spec.Kind}' (known: {string.Join(", ", Definitions.Select(d => d.Kind))})");
            return null;
        }

        // Cross-parameter rules only run when the text parsed cleanly: a malformed 'slow' (e.g. "slow" without a value)
        // would otherwise be replaced by its default and produce a misleading "fast must be less than slow".
        var syntaxIsClean = errors.Count == 0;
        return definition.Bind(spec, errors, checkRules: syntaxIsClean);
    }
}

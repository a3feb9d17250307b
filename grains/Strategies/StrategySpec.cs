using System.Globalization;
using System.Text.RegularExpressions;

namespace TradingRobotPlug.Grains.Strategies;

/// <summary>
/// A strategy kind and its parameters as text, e.g. <c>sma-cross:fast=50,slow=200</c>. This type checks syntax
/// only; a <see cref="StrategyRegistry"/> checks the kind and values and fills in defaults.
/// </summary>
/// <remarks>
/// Grammar: <c>kind[:name=value(,name=value)*]</c>. Whitespace around tokens is ignored; kind and parameter names
/// are case-insensitive and stored in lower case (kind: letters, digits and '-', starting with a letter; names also
/// allow '_'); values are kept as written (trimmed). The canonical form, returned by <see cref="ToString"/>, lists
/// parameters sorted by name with no whitespace, so two specs are equal exactly when their canonical forms are.
/// </remarks>
public sealed partial class StrategySpec : IEquatable<StrategySpec>
{
    private readonly KeyValuePair<string, string>[] _parameters;

    /// <summary>Creates a spec from a kind and parameter texts.</summary>
    /// <exception cref="StrategySpecException">The kind or a name is malformed, a value is empty or contains ',', or a name repeats.</exception>
    public StrategySpec(string kind, IEnumerable<KeyValuePair<string, string>>? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(kind);
        var errors = new List<string>();
        var normalizedKind = kind.Trim().ToLowerInvariant();
        if (!KindPattern().IsMatch(normalizedKind))
        {
            errors.Add(KindError(normalizedKind));
        }

        var sorted = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (rawName, rawValue) in parameters ?? [])
        {
            var name = (rawName ?? string.Empty).Trim().ToLowerInvariant();
            var value = (rawValue ?? string.Empty).Trim();
            if (CheckParameter(name, value, errors) && !sorted.TryAdd(name, value))
            {
                errors.Add($"parameter '{name}' is given more than once");
            }
        }

        if (errors.Count > 0)
        {
            throw new StrategySpecException(kind, errors);
        }

        Kind = normalizedKind;
        _parameters = [.. sorted];
    }

    private StrategySpec(string kind, SortedDictionary<string, string> parameters)
    {
        Kind = kind;
        _parameters = [.. parameters];
    }

    /// <summary>The strategy kind, lower case (e.g. <c>sma-cross</c>).</summary>
    public string Kind { get; }

    /// <summary>Parameters as given, sorted by name (ordinal).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Parameters => _parameters;

    /// <summary>Builds a spec from typed values: integers as digits, doubles in round-trip form, booleans as <c>true</c>/<c>false</c>, invariant culture.</summary>
    /// <exception cref="StrategySpecException">See the constructor.</exception>
    public static StrategySpec Create(string kind, params (string Name, object Value)[] parameters) =>
        new(kind, parameters.Select(p => KeyValuePair.Create(p.Name, FormatValue(p.Value))));

    /// <summary>Parses a spec, checking syntax only.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="StrategySpecException">The text is not a well-formed spec; every syntax problem is listed.</exception>
    public static StrategySpec Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var errors = new List<string>();
        var spec = ParseCore(text, errors);
        if (errors.Count > 0 || spec is null)
        {
            throw new StrategySpecException(text, errors);
        }

        return spec;
    }

    /// <summary>Parses a spec, checking syntax only; false if malformed.</summary>
    public static bool TryParse(string? text, out StrategySpec? spec)
    {
        spec = null;
        if (text is null)
        {
            return false;
        }

        var errors = new List<string>();
        var parsed = ParseCore(text, errors);
        if (errors.Count > 0)
        {
            return false;
        }

        spec = parsed;
        return spec is not null;
    }

    /// <summary>The value text of a parameter, if given.</summary>
    public bool TryGetParameter(string name, out string value)
    {
        foreach (var (key, text) in _parameters)
        {
            if (string.Equals(key, name, StringComparison.Ordinal))
            {
                value = text;
                return true;
            }
        }

        value = string.Empty;
        return false;
    }

    /// <summary>The canonical form: <c>kind</c> or <c>kind:a=1,b=2</c> (parameters sorted by name).</summary>
    public override string ToString() =>
        _parameters.Length == 0 ? Kind : $"{Kind}:{string.Join(",", _parameters.Select(p => $"{p.Key}={p.Value}"))}";

    /// <inheritdoc />
    public bool Equals(StrategySpec? other) =>
        other is not null && Kind == other.Kind && _parameters.AsSpan().SequenceEqual(other._parameters);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as StrategySpec);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToString());

    /// <summary>
    /// Lenient parse used by <see cref="Parse"/> and the registry: records every syntax problem in
    /// <paramref name="errors"/> and returns what could be read (the kind and well-formed parameters), or null when
    /// not even the kind is usable.
    /// </summary>
    internal static StrategySpec? ParseCore(string text, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add("the spec is empty (expected kind[:name=value,...])");
            return null;
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var kind = (colon < 0 ? text : text[..colon]).Trim().ToLowerInvariant();
        var kindIsValid = KindPattern().IsMatch(kind);
        if (!kindIsValid)
        {
            errors.Add(KindError(kind));
        }

        var parameters = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (colon >= 0)
        {
            var items = text[(colon + 1)..].Split(',');
            if (items.Length == 1 && string.IsNullOrWhiteSpace(items[0]))
            {
                errors.Add("no parameters after ':'");
            }
            else
            {
                for (var i = 0; i < items.Length; i++)
                {
                    var item = items[i].Trim();
                    if (item.Length == 0)
                    {
                        errors.Add($"parameter {i + 1} is empty");
                        continue;
                    }

                    var equals = item.IndexOf('=', StringComparison.Ordinal);
                    if (equals < 0)
                    {
                        errors.Add($"parameter '{item}' has no value (expected name=value)");
                        continue;
                    }

                    var name = item[..equals].Trim().ToLowerInvariant();
                    var value = item[(equals + 1)..].Trim();
                    if (CheckParameter(name, value, errors) && !parameters.TryAdd(name, value))
                    {
                        errors.Add($"parameter '{name}' is given more than once");
                    }
                }
            }
        }

        return kindIsValid ? new StrategySpec(kind, parameters) : null;
    }

    private static bool CheckParameter(string name, string value, List<string> errors)
    {
        if (!NamePattern().IsMatch(name))
        {
            errors.Add($"parameter name '{name}' is not valid (expected lower-case letters, digits, '_' or '-', starting with a letter)");
            return false;
        }

        if (value.Length == 0)
        {
            errors.Add($"parameter '{name}' has an empty value");
            return false;
        }

        if (value.Contains(',', StringComparison.Ordinal))
        {
            errors.Add($"parameter '{name}': value '{value}' contains ','");
            return false;
        }

        return true;
    }

    private static string KindError(string kind) =>
        kind.Length == 0
            ? "the strategy kind is missing"
            : $"strategy kind '{kind}' is not valid (expected lower-case letters, digits and '-', starting with a letter)";

    private static string FormatValue(object value) => value switch
    {
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value?.ToString() ?? string.Empty,
    };

    [GeneratedRegex("^[a-z][a-z0-9-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex KindPattern();

    [GeneratedRegex("^[a-z][a-z0-9_-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}

using System.Globalization;
using System.Text.Json;
using TradingRobotPlug.Api.Features.Common;
using TradingRobotPlug.GrainInterfaces.Market;
using TradingRobotPlug.GrainInterfaces.Strategies;
using TradingRobotPlug.GrainInterfaces.Trading;
using TradingRobotPlug.Grains.Engine;
using TradingRobotPlug.Grains.Strategies;

namespace TradingRobotPlug.Api.Features.Strategies;

/// <summary>
/// Turns a <see cref="StrategyDefinition"/> into a strategy id and <see cref="StrategySettings"/>, collecting every problem
/// by field (<c>kind</c>, <c>parameters.fast</c>, <c>instruments[0]</c>, <c>capital</c>, <c>alerts.maxDrawdown</c>, <c>name</c>,
/// <c>version</c>, …), and
/// back into request form for <see cref="StrategyDetails"/>.
/// </summary>
public static class StrategyDefinitionBinder
{
    /// <summary>Validates and converts a definition; on any problem the settings are null and <paramref name="errors"/> says why.</summary>
    public static (StrategyId Id, StrategySettings? Settings) Bind(StrategyDefinition definition, StrategyRegistry registry, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(errors);
        Grains.Strategies.StrategyDefinition? kind = null;
        if (string.IsNullOrWhiteSpace(definition.Kind))
        {
            errors.Add("kind", "is required.");
        }
        else if (!registry.TryGetDefinition(AsciiText.ToLower(definition.Kind), out kind))
        {
            errors.Add("kind", $"unknown strategy kind '{definition.Kind}' (known: {string.Join(", ", registry.Definitions.Select(d => d.Kind))}).");
        }

        var texts = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (rawName, value) in definition.Parameters ?? [])
        {
            var name = AsciiText.ToLower(rawName);
            var field = $"parameters.{rawName}";
            string? text = value.ValueKind switch
            {
                JsonValueKind.Number => value.GetRawText(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                _ => null,
            };
            if (text is null)
            {
                errors.Add(field, $"must be a JSON number or boolean (was {value.ValueKind}).");
            }
            else if (kind is not null && !kind.Parameters.Any(p => p.Name == name))
            {
                var known = kind.Parameters.Count == 0 ? "it takes no parameters" : $"known: {string.Join(", ", kind.Parameters.Select(p => p.Name))}";
                errors.Add(field, $"unknown parameter for '{kind.Kind}' ({known}).");
            }
            else if (!texts.TryAdd(name, text))
            {
                errors.Add(field, "is given more than once.");
            }
        }

        var instruments = new List<InstrumentId>();
        if (definition.Instruments is not { Length: > 0 })
        {
            errors.Add("instruments", "at least one instrument is required.");
        }
        else
        {
            if (definition.Instruments.Length > 1)
            {
                errors.Add("instruments", "one instrument per strategy is supported.");
            }

            for (int i = 0; i < definition.Instruments.Length; i++)
            {
                if (InstrumentId.TryParse(definition.Instruments[i], out var instrument))
                {
                    instruments.Add(instrument);
                }
                else
                {
                    errors.Add($"instruments[{i}]", $"'{definition.Instruments[i]}' is not a valid symbol (1-32 of A-Z, 0-9, '.', '-', '_', '^').");
                }
            }
        }

        if (definition.Sizing is { } sizingText && (sizingText.Length == 0 || sizingText != sizingText.Trim()))
        {
            // An empty or padded text is a client mistake, not a request for the default (leave the field out for all-in).
            errors.Add("sizing", $"'{sizingText}' is not one of all-in, fixed:Q, percent:P (leave sizing out for all-in).");
        }

        InstrumentId? benchmarkInstrument = null;
        if (definition.Benchmark is { } benchmarkSymbol)
        {
            if (!InstrumentId.TryParse(benchmarkSymbol, out var benchmark))
            {
                errors.Add("benchmark", $"'{benchmarkSymbol}' is not a valid symbol (1-32 of A-Z, 0-9, '.', '-', '_', '^').");
            }
            else if (instruments.Count == 0 || benchmark != instruments[0])
            {
                // The strategy's own instrument is the default, so naming it gives the same settings as leaving it out.
                benchmarkInstrument = benchmark;
            }
        }

        var timeframe = Timeframe.OneDay;
        if (definition.Timeframe is not null && !TimeframeExtensions.TryParse(definition.Timeframe, out timeframe))
        {
            errors.Add("timeframe", $"'{definition.Timeframe}' is not one of 1m, 5m, 15m, 1h, 1d.");
        }

        if (definition.Capital is null)
        {
            errors.Add("capital", "is required.");
        }

        if (definition.Alerts is { } alerts)
        {
            foreach (var (field, error) in alerts.Validate())
            {
                errors.Add($"alerts.{field}", error);
            }
        }

        var spec = kind is null ? string.Empty : texts.Count == 0 ? kind.Kind : $"{kind.Kind}:{string.Join(",", texts.Select(t => $"{t.Key}={t.Value}"))}";
        StrategyId id = default;
        if (definition.Id is not null)
        {
            if (!StrategyId.TryParse(definition.Id, out id))
            {
                errors.Add("id", $"'{definition.Id}' is not a valid id (1-64 of a-z, 0-9, '.', '_', '-', starting with a letter or digit).");
            }
        }
        else if (kind is not null && !StrategyId.TryParse(DemoStrategies.IdFor(spec), out id))
        {
            errors.Add("id", $"the id derived from the definition ('{DemoStrategies.IdFor(spec)}') is not valid; give an id.");
        }

        if (kind is not null)
        {
            foreach (var error in registry.GetErrors(spec))
            {
                errors.Add(ParameterField(kind, error), error);
            }
        }

        if (kind is null || definition.Capital is null || instruments.Count == 0)
        {
            return (id, null);
        }

        var settings = new StrategySettings(
            spec,
            [.. instruments],
            timeframe,
            definition.Capital.Value,
            definition.Sizing ?? "all-in",
            definition.FeeBps ?? 0m,
            definition.FeePerUnit ?? 0m,
            definition.FeePerOrder ?? 0m,
            definition.SlippageBps ?? 0m,
            definition.Name,
            definition.Version,
            benchmarkInstrument);
        foreach (var error in StrategySettingsBinder.Validate(settings, registry))
        {
            var colon = error.IndexOf(": ", StringComparison.Ordinal);
            var (field, message) = colon > 0 ? (error[..colon], error[(colon + 2)..]) : ("request", error);
            switch (field)
            {
                case "spec":
                    break;
                case "initialCapital":
                    errors.Add("capital", message);
                    break;
                case "instruments":
                    if (definition.Instruments!.Length <= 1)
                    {
                        errors.Add(field, message);
                    }

                    break;
                default:
                    errors.Add(field, message);
                    break;
            }
        }

        return errors.IsEmpty ? (id, settings) : (id, null);
    }

    /// <summary>The definition of created settings in request form: every parameter of the normalized spec, as numbers or booleans.</summary>
    public static StrategyDefinition ToDefinition(StrategyId id, StrategySettings settings, StrategyRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(registry);
        var spec = registry.Validate(settings.Spec);
        var parameters = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var (name, text) in spec.Parameters)
        {
            parameters[name] = text switch
            {
                "true" => JsonSerializer.SerializeToElement(true),
                "false" => JsonSerializer.SerializeToElement(false),
                _ => JsonSerializer.SerializeToElement(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture)),
            };
        }

        return new StrategyDefinition(
            id.ToString(),
            spec.Kind,
            parameters,
            [.. settings.Instruments.Select(i => i.Symbol)],
            settings.Timeframe.ToText(),
            settings.InitialCapital,
            settings.Sizing,
            settings.FeeBps,
            settings.FeePerUnit,
            settings.FeePerOrder,
            settings.SlippageBps,
            null,
            null,
            settings.Name,
            settings.Version,
            settings.BenchmarkInstrument?.Symbol);
    }

    private static string ParameterField(Grains.Strategies.StrategyDefinition kind, string message)
    {
        foreach (var parameter in kind.Parameters)
        {
            if (message.Contains($"'{parameter.Name}'", StringComparison.Ordinal) || message.StartsWith($"{parameter.Name} (", StringComparison.Ordinal))
            {
                return $"parameters.{parameter.Name}";
            }
        }

        return "parameters";
    }
}

using TradingRobotPlug.GrainInterfaces.Strategies;
using TradingRobotPlug.Grains.Strategies;
using TradingRobotPlug.Grains.Trading;

namespace TradingRobotPlug.Grains.Engine;

/// <summary>Validates <see cref="StrategySettings"/> and turns them into the models the engine runs.</summary>
public static class StrategySettingsBinder
{
    /// <summary>Every problem with <paramref name="settings"/> (empty when valid), each naming the field.</summary>
    public static IReadOnlyList<string> Validate(StrategySettings settings, StrategyRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(registry);
        var errors = new List<string>();
        errors.AddRange(registry.GetErrors(settings.Spec).Select(e => $"spec: {e}"));
        if (settings.Instruments.IsDefaultOrEmpty)
        {
            errors.Add("instruments: at least one instrument is required.");
        }
        else if (settings.Instruments.Length > 1)
        {
            errors.Add("instruments: one instrument per strategy is supported.");
        }

        if (settings.InitialCapital <= 0 || settings.InitialCapital > StrategyLimits.MaxInitialCapital)
        {
            errors.Add($"initialCapital: must be positive and at most {StrategyLimits.MaxInitialCapital:0} (was {settings.InitialCapital}).");
        }

        if (settings.FeeBps < 0 || settings.FeeBps > 10_000)
        {
            errors.Add($"feeBps: must be in [0, 10000] (was {settings.FeeBps}).");
        }

        if (settings.FeePerUnit < 0 || settings.FeePerUnit > StrategyLimits.MaxFeePerUnit)
        {
            errors.Add($"feePerUnit: must be in [0, {StrategyLimits.MaxFeePerUnit:0}] (was {settings.FeePerUnit}).");
        }

        if (settings.FeePerOrder < 0 || settings.FeePerOrder > StrategyLimits.MaxFeePerOrder)
        {
            errors.Add($"feePerOrder: must be in [0, {StrategyLimits.MaxFeePerOrder:0}] (was {settings.FeePerOrder}).");
        }

        if (settings.SlippageBps < 0 || settings.SlippageBps > 10_000)
        {
            errors.Add($"slippageBps: must be in [0, 10000] (was {settings.SlippageBps}).");
        }

        if (TryCreateSizing(settings.Sizing, out _) is { } sizingError)
        {
            errors.Add($"sizing: {sizingError}");
        }

        if (settings.Name is { } name && StrategyLabels.NameError(name) is { } nameError)
        {
            errors.Add($"name: {nameError}");
        }

        if (settings.Version is { } version && StrategyLabels.VersionError(version) is { } versionError)
        {
            errors.Add($"version: {versionError}");
        }

        return errors;
    }

    /// <summary>The sizing model for <paramref name="sizing"/>.</summary>
    /// <exception cref="ArgumentException">The text is not <c>all-in</c>, <c>fixed:Q</c> or <c>percent:P</c>.</exception>
    public static ISizingModel CreateSizing(string sizing)
        => TryCreateSizing(sizing, out var model) is { } error ? throw new ArgumentException(error, nameof(sizing)) : model!;

    /// <summary>The combined fee model (bps of notional + per unit + per order).</summary>
    public static IFeeModel CreateFeeModel(StrategySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new CompositeFeeModel([new BpsFeeModel(settings.FeeBps), new PerUnitFeeModel(settings.FeePerUnit), new FixedFeeModel(settings.FeePerOrder)]);
    }

    private static string? TryCreateSizing(string? sizing, out ISizingModel? model)
    {
        model = null;
        var text = (sizing ?? "all-in").Trim().ToLowerInvariant();
        if (text is "all-in" or "")
        {
            model = new AllInSizing();
            return null;
        }

        var parts = text.Split(':', 2);
        if (parts.Length == 2 && decimal.TryParse(parts[1], System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var value))
        {
            switch (parts[0])
            {
                case "fixed" when value > 0 && value <= StrategyLimits.MaxFixedQuantity:
                    model = new FixedQuantitySizing(value);
                    return null;
                case "percent" when value > 0 && value <= 100:
                    model = new PercentOfEquitySizing(value);
                    return null;
            }
        }

        return $"'{sizing}' is not one of all-in, fixed:Q (0 < Q <= {StrategyLimits.MaxFixedQuantity:0}), percent:P (0 < P <= 100).";
    }
}

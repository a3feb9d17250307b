using Microsoft.Extensions.Options;
using TradingRobotPlug.Api.Hosting;

namespace TradingRobotPlug.Api.Realtime;

/// <summary>Checks <see cref="TradingApiOptions.PushesPerSecond"/> at start-up.</summary>
public sealed class PushRateOptionsValidator : IValidateOptions<TradingApiOptions>
{
    /// <summary>Highest accepted push rate per group.</summary>
    public const int MaxPushesPerSecond = 1000;

    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, TradingApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.PushesPerSecond is >= 1 and <= MaxPushesPerSecond
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{TradingApiOptions.Section}:{nameof(TradingApiOptions.PushesPerSecond)} must be in [1, {MaxPushesPerSecond}] (was {options.PushesPerSecond}).");
    }
}

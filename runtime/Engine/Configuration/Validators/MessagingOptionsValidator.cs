using Microsoft.Extensions.Options;

namespace TradingRobotPlug.Runtime.Configuration;

/// <summary>Validates <see cref="MessagingOptions"/> at start-up; failures name the setting.</summary>
internal sealed class MessagingOptionsValidator : IValidateOptions<MessagingOptions>
{
    public ValidateOptionsResult Validate(string? name, MessagingOptions options)
    {
        var errors = new List<string>();
        if (options.ResponseTimeout <= TimeSpan.Zero)
        {
            errors.Add($"MessagingOptions.ResponseTimeout must be positive (was {options.ResponseTimeout}).");
        }

        if (options.TimeoutSweepInterval is { } sweep && sweep <= TimeSpan.Zero)
        {
            errors.Add($"MessagingOptions.TimeoutSweepInterval must be positive when set (was {sweep}).");
        }

        if (options.TurnBudget is < 1 or > 100_000)
        {
            errors.Add($"MessagingOptions.TurnBudget must be between 1 and 100000 (was {options.TurnBudget}).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

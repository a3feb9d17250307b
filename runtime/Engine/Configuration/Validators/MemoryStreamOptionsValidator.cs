using Microsoft.Extensions.Options;

namespace TradingRobotPlug.Runtime.Configuration;

/// <summary>Validates each named <see cref="MemoryStreamOptions"/>; failures name the provider and setting.</summary>
internal sealed class MemoryStreamOptionsValidator : IValidateOptions<MemoryStreamOptions>
{
    public ValidateOptionsResult Validate(string? name, MemoryStreamOptions options)
    {
        var errors = new List<string>();
        if (options.QueueCapacity is < 1 or > 1_000_000)
        {
            errors.Add($"MemoryStreamOptions.QueueCapacity of stream provider '{name}' must be between 1 and 1000000 (was {options.QueueCapacity}).");
        }

        if (options.MaxBatchSize is < 1 or > 100_000)
        {
            errors.Add($"MemoryStreamOptions.MaxBatchSize of stream provider '{name}' must be between 1 and 100000 (was {options.MaxBatchSize}).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

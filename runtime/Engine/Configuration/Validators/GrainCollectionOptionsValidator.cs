using Microsoft.Extensions.Options;

namespace TradingRobotPlug.Runtime.Configuration;

/// <summary>Validates <see cref="GrainCollectionOptions"/> at start-up; failures name the setting.</summary>
internal sealed class GrainCollectionOptionsValidator : IValidateOptions<GrainCollectionOptions>
{
    public ValidateOptionsResult Validate(string? name, GrainCollectionOptions options)
    {
        var errors = new List<string>();
        if (options.CollectionAge <= TimeSpan.Zero)
        {
            errors.Add($"GrainCollectionOptions.CollectionAge must be positive (was {options.CollectionAge}).");
        }

        if (options.CollectionQuantum <= TimeSpan.Zero)
        {
            errors.Add($"GrainCollectionOptions.CollectionQuantum must be positive (was {options.CollectionQuantum}).");
        }
        else if (options.CollectionAge > TimeSpan.Zero && options.CollectionQuantum > options.CollectionAge)
        {
            errors.Add($"GrainCollectionOptions.CollectionQuantum ({options.CollectionQuantum}) must not exceed CollectionAge ({options.CollectionAge}).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

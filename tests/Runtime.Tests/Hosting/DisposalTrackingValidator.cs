using Microsoft.Extensions.Options;
using TradingRobotPlug.Runtime.Configuration;

namespace TradingRobotPlug.Runtime.Tests.Hosting;

/// <summary>Rejects any <see cref="MessagingOptions"/> and records whether the container disposed it.</summary>
public sealed class DisposalTrackingValidator : IValidateOptions<MessagingOptions>, IDisposable
{
    public bool Disposed { get; private set; }

    public ValidateOptionsResult Validate(string? name, MessagingOptions options) => ValidateOptionsResult.Fail("rejected by the test");

    public void Dispose() => Disposed = true;
}

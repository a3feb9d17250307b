using TradingRobotPlug.Api.Tests.Infrastructure;

namespace TradingRobotPlug.Api.Tests.Rest;

/// <summary>An API with two keys configured.</summary>
public sealed class KeyedApiFactory : ApiFactory
{
    public const string Key = "test-key-123";

    public KeyedApiFactory() => With("Trading:ApiKeys:0", "other-key").With("Trading:ApiKeys:1", Key);
}

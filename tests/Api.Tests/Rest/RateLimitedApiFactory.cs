using TradingRobotPlug.Api.Tests.Infrastructure;

namespace TradingRobotPlug.Api.Tests.Rest;

/// <summary>An API limited to one request per second per client.</summary>
public sealed class RateLimitedApiFactory : ApiFactory
{
    public RateLimitedApiFactory() => With("Trading:RateLimitPerSecond", "1");
}

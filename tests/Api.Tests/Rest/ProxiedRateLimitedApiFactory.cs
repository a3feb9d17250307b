using TradingRobotPlug.Api.Tests.Infrastructure;

namespace TradingRobotPlug.Api.Tests.Rest;

/// <summary>An API limited to one request per second per client, behind the reverse proxy 10.0.0.1 (and the network 10.9.0.0/16).</summary>
public sealed class ProxiedRateLimitedApiFactory : ApiFactory
{
    public ProxiedRateLimitedApiFactory()
        => With("Trading:RateLimitPerSecond", "1").With("Trading:ForwardedProxies:0", "10.0.0.1").With("Trading:ForwardedProxies:1", "10.9.0.0/16");
}

using TradingRobotPlug.Api.Tests.Infrastructure;

namespace TradingRobotPlug.Api.Tests.Rest;

/// <summary>An API accepting at most five ticks per batch.</summary>
public sealed class TicksApiFactory : ApiFactory
{
    public TicksApiFactory() => With("Trading:MaxTickBatch", "5");
}

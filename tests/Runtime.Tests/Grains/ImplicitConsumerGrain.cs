using TradingRobotPlug.Runtime.Streams;
using TradingRobotPlug.Runtime.Tests.Infrastructure;

namespace TradingRobotPlug.Runtime.Tests.Grains;

/// <summary>Implicitly subscribed to every stream of namespace "implicit": an item on ("implicit", k) activates grain k,
/// which attaches its observer in OnActivateAsync. Items are signalled as <c>{key}:item</c>.</summary>
[ImplicitStreamSubscription(StreamNamespace)]
public sealed class ImplicitConsumerGrain(TestProbe probe) : Grain, IImplicitConsumerGrain
{
    public const string StreamNamespace = "implicit";

    private readonly List<int> _items = [];

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var stream = this.GetStreamProvider("Default").GetStream<int>(StreamId.Create(StreamNamespace, GetPrimaryKeyString()));
        await stream.SubscribeAsync(item =>
        {
            _items.Add(item);
            probe.Signal($"{GetPrimaryKeyString()}:item", item);
            return Task.CompletedTask;
        });
        probe.Signal($"{GetPrimaryKeyString()}:activated");
    }

    public Task<List<int>> GetItems() => Task.FromResult(_items);
}

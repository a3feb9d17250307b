namespace TradingRobotPlug.Runtime.Tests.Grains;

/// <summary>An explicit stream subscriber. Every item it handles is signalled as <c>{key}:item</c> with the item.</summary>
public interface IStreamConsumerGrain : IGrainWithStringKey
{
    Task Subscribe(string provider, string streamNamespace, string streamKey);

    /// <summary>Subscribes with an observer that waits for gate <c>{key}:gate</c> while it handles its first item.</summary>
    Task SubscribeBlockingFirst(string provider, string streamNamespace, string streamKey);

    /// <summary>Subscribes with an observer that unsubscribes itself (from inside its OnNextAsync) on <paramref name="stopAt"/>
    /// and then signals <c>{key}:unsubscribed</c>.</summary>
    Task SubscribeUntil(string provider, string streamNamespace, string streamKey, int stopAt);

    Task<List<int>> GetItems();

    /// <summary>Unsubscribes every handle this grain has on the streams it subscribed to; returns how many.</summary>
    Task<int> UnsubscribeAll();
}

namespace TradingRobotPlug.Runtime.Tests.Grains;

/// <summary>Subscribes with an <c>IAsyncBatchObserver</c>: each batch is signalled as <c>{key}:batch</c> with its size;
/// the first batch waits for gate <c>{key}:gate</c>.</summary>
public interface IBatchConsumerGrain : IGrainWithStringKey
{
    Task Subscribe(string provider, string streamNamespace, string streamKey);

    Task<List<int>> GetItems();
}

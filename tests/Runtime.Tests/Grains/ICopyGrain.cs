namespace TradingRobotPlug.Runtime.Tests.Grains;

/// <summary>Stores what it is given (and signals <c>{key}:received</c> with the very object it got) and returns what it stores.</summary>
public interface ICopyGrain : IGrainWithStringKey
{
    Task StoreList(List<int> values);

    Task<List<int>> GetList();

    Task StoreTicket(OrderTicket ticket);

    Task<OrderTicket> GetTicket();

    Task StoreLevel(PriceLevel level);

    Task<PriceLevel> GetLevel();

    Task StoreFill(FillRecord fill);

    Task<FillRecord> GetFill();
}

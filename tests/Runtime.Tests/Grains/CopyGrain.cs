using TradingRobotPlug.Runtime.Tests.Infrastructure;

namespace TradingRobotPlug.Runtime.Tests.Grains;

public sealed class CopyGrain(TestProbe probe) : Grain, ICopyGrain
{
    private List<int> _list = [];
    private OrderTicket _ticket = new();
    private PriceLevel? _level;
    private FillRecord? _fill;

    public Task StoreList(List<int> values) => Store(_list = values);

    public Task<List<int>> GetList() => Task.FromResult(_list);

    public Task StoreTicket(OrderTicket ticket) => Store(_ticket = ticket);

    public Task<OrderTicket> GetTicket() => Task.FromResult(_ticket);

    public Task StoreLevel(PriceLevel level) => Store(_level = level);

    public Task<PriceLevel> GetLevel() => Task.FromResult(_level!);

    public Task StoreFill(FillRecord fill) => Store(_fill = fill);

    public Task<FillRecord> GetFill() => Task.FromResult(_fill!);

    private Task Store(object received)
    {
        probe.Signal($"{GetPrimaryKeyString()}:received", received);
        return Task.CompletedTask;
    }
}

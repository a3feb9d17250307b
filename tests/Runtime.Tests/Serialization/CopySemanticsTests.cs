using TradingRobotPlug.Runtime.Tests.Grains;
using TradingRobotPlug.Runtime.Tests.Infrastructure;

namespace TradingRobotPlug.Runtime.Tests.Serialization;

/// <summary>
/// Values of mutable types are deep-copied at the boundary (arguments when sent, results when returned); values of
/// immutable types ([Immutable], sealed records of immutable members) are passed by reference.
/// The grain signals the very object it received, so identity can be checked.
/// </summary>
public sealed class CopySemanticsTests
{
    [Fact]
    public async Task Mutable_list_argument_is_copied_so_the_callers_later_changes_do_not_reach_the_grain()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<ICopyGrain>("list-arg");
        var values = new List<int> { 1, 2, 3 };

        await grain.StoreList(values);
        values.Add(4);
        values[0] = 100;

        Assert.NotSame(values, silo.Probe.Last<List<int>>("list-arg:received"));
        Assert.Equal([1, 2, 3], await grain.GetList());
    }

    [Fact]
    public async Task Mutable_list_result_is_copied_so_the_callers_changes_do_not_reach_the_grain()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<ICopyGrain>("list-result");
        await grain.StoreList([1, 2, 3]);
        var stored = silo.Probe.Last<List<int>>("list-result:received");

        var result = await grain.GetList();
        Assert.NotSame(stored, result);
        result.Add(99);

        Assert.Equal([1, 2, 3], await grain.GetList());
    }

    [Fact]
    public async Task Mutable_class_from_a_registered_serializer_context_is_copied_both_ways()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<ICopyGrain>("ticket");
        var ticket = new OrderTicket { Symbol = "MSFT", Quantity = 10m, Limits = [410.5m] };

        await grain.StoreTicket(ticket);
        ticket.Quantity = 1_000m;
        ticket.Limits.Add(1m);
        Assert.NotSame(ticket, silo.Probe.Last<OrderTicket>("ticket:received"));

        var result = await grain.GetTicket();
        Assert.Equal(("MSFT", 10m), (result.Symbol, result.Quantity));
        Assert.Equal([410.5m], result.Limits);
        result.Symbol = "changed by caller";

        Assert.Equal("MSFT", (await grain.GetTicket()).Symbol);
    }

    [Fact]
    public async Task Immutable_attributed_type_is_passed_by_reference()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<ICopyGrain>("level");
        var level = new PriceLevel(101.25m, 300m);

        await grain.StoreLevel(level);

        Assert.Same(level, silo.Probe.Last<PriceLevel>("level:received"));
        Assert.Same(level, await grain.GetLevel());
    }

    [Fact]
    public async Task Immutable_sealed_record_is_passed_by_reference()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<ICopyGrain>("fill");
        var fill = new FillRecord("T-1", 99.5m, 20m);

        await grain.StoreFill(fill);

        Assert.Same(fill, silo.Probe.Last<FillRecord>("fill:received"));
        Assert.Same(fill, await grain.GetFill());
    }
}

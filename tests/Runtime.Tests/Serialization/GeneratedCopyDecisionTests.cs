using System.Reflection;
using TradingRobotPlug.Runtime.Invocation;
using TradingRobotPlug.Runtime.Tests.Grains;

namespace TradingRobotPlug.Runtime.Tests.Serialization;

/// <summary>
/// The code generator decides at compile time which argument and result types need copying. The runtime's copier
/// checks immutability again, so these tests look at the generated proxy and requests directly, over a runtime that
/// records what it is asked to copy: an immutable type must never reach the copier (no serialization per call).
/// </summary>
public sealed class GeneratedCopyDecisionTests
{
    private readonly CapturingReferenceRuntime _runtime = new();
    private readonly ICopyGrain _proxy;

    public GeneratedCopyDecisionTests()
    {
        var provider = (IGrainMetadataProvider)Activator.CreateInstance(typeof(ICopyGrain).Assembly.GetCustomAttribute<GrainMetadataProviderAttribute>()!.ProviderType)!;
        var metadata = provider.GetGrainInterfaces().Single(m => m.InterfaceType == typeof(ICopyGrain));
        _proxy = (ICopyGrain)metadata.CreateProxy(GrainId.Create("copy", "generated"), _runtime);
    }

    [Fact]
    public async Task Mutable_argument_and_result_types_are_copied()
    {
        await _proxy.StoreTicket(new OrderTicket());
        await _proxy.StoreList([1]);
        Assert.Equal([typeof(OrderTicket), typeof(List<int>)], _runtime.RecordingCopier.Copied);

        await _proxy.GetTicket();
        _runtime.RecordingCopier.Copied.Clear();
        ((Request<OrderTicket>)_runtime.Requests[^1]).CopyResult(new OrderTicket(), _runtime.Copier);
        Assert.Equal([typeof(OrderTicket)], _runtime.RecordingCopier.Copied);
    }

    [Fact]
    public async Task Immutable_sealed_record_is_never_copied()
    {
        var fill = new FillRecord("T-1", 1m, 2m);
        await _proxy.StoreFill(fill);
        await _proxy.GetFill();
        var result = ((Request<FillRecord>)_runtime.Requests[^1]).CopyResult(fill, _runtime.Copier);

        Assert.Same(fill, result);
        Assert.Empty(_runtime.RecordingCopier.Copied);
    }

    [Fact]
    public async Task Immutable_attributed_type_is_never_copied()
    {
        var level = new PriceLevel(1m, 2m);
        await _proxy.StoreLevel(level);
        await _proxy.GetLevel();
        var result = ((Request<PriceLevel>)_runtime.Requests[^1]).CopyResult(level, _runtime.Copier);

        Assert.Same(level, result);
        Assert.Empty(_runtime.RecordingCopier.Copied);
    }
}

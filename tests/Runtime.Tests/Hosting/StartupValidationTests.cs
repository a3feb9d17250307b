using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;
using TradingRobotPlug.Runtime.Hosting;
using TradingRobotPlug.Runtime.TestingHost;
using TradingRobotPlug.Runtime.Tests.Grains;
using TradingRobotPlug.Runtime.Tests.Infrastructure;

namespace TradingRobotPlug.Runtime.Tests.Hosting;

public sealed class StartupValidationTests
{
    [Fact]
    public async Task Boundary_type_without_serializer_metadata_fails_start_up_naming_the_type_and_method()
    {
        var options = BadGrainsOnly(registerContext: false);

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => InProcessTestCluster.StartAsync(options));

        Assert.Contains("TradingRobotPlug.Runtime.Tests.BadGrains.OrderIntent", ex.Message);
        Assert.Contains("IOrderIntakeGrain.Submit", ex.Message);
        Assert.Contains("AddSerializerContext", ex.Message);
    }

    [Fact]
    public async Task Same_grains_start_once_their_serializer_context_is_registered()
    {
        await using var cluster = await InProcessTestCluster.StartAsync(BadGrainsOnly(registerContext: true));

        var grain = cluster.GrainFactory.GetGrain(BadGrainsAssembly.GetType("IOrderIntakeGrain"), "intake");
        Assert.Equal("orderintake/intake", InProcessTestCluster.GetGrainId(grain).ToString());
    }

    [Fact]
    public async Task Grain_assembly_in_another_load_context_is_not_discovered()
    {
        Assert.NotNull(BadGrainsAssembly.Assembly); // loaded (in its own context) before this silo discovers assemblies

        await using var silo = await TestSilo.StartAsync();

        Assert.Equal(1, await silo.Grains.GetGrain<ICounterGrain>("discovery").Add(1));
    }

    [Fact]
    public async Task Reference_to_an_interface_no_grain_class_implements_fails_at_the_call_site()
    {
        await using var silo = await TestSilo.StartAsync();

        var ex = Assert.Throws<InvalidOperationException>(() => silo.Grains.GetGrain<IUnimplementedGrain>("nobody"));

        Assert.Equal($"No grain class implements {typeof(IUnimplementedGrain).FullName}.", ex.Message);
    }

    [Fact]
    public async Task Untyped_reference_to_a_type_that_is_not_a_grain_interface_fails_at_the_call_site()
    {
        await using var silo = await TestSilo.StartAsync();

        var ex = Assert.Throws<ArgumentException>(() => silo.Grains.GetGrain(typeof(OrderTicket), "x"));

        Assert.Contains($"{typeof(OrderTicket).FullName} is not a grain interface", ex.Message);
    }

    [Theory]
    [InlineData(typeof(IGuidKeyedGrain), "not-a-guid", "IGrainWithGuidKey")]
    [InlineData(typeof(IGuidKeyedGrain), "6f9619ff-8b86-d011-b42d-00c04fc964ff", "IGrainWithGuidKey")] // "D" form, not canonical "N"
    [InlineData(typeof(IIntegerKeyedGrain), "12x", "IGrainWithIntegerKey")]
    public async Task Untyped_reference_with_a_key_of_the_wrong_kind_fails_at_the_call_site(Type grainInterface, string key, string expectedKeyKind)
    {
        await using var silo = await TestSilo.StartAsync();

        var ex = Assert.Throws<ArgumentException>(() => silo.Grains.GetGrain(grainInterface, key));

        Assert.Contains($"'{key}'", ex.Message);
        Assert.Contains(grainInterface.Name, ex.Message);
        Assert.Contains(expectedKeyKind, ex.Message);
    }

    [Fact]
    public async Task Untyped_reference_with_canonical_keys_reaches_the_grain()
    {
        await using var silo = await TestSilo.StartAsync();
        var key = Guid.Parse("6f9619ff-8b86-d011-b42d-00c04fc964ff");

        var byGuid = (IGuidKeyedGrain)silo.Grains.GetGrain(typeof(IGuidKeyedGrain), key.ToString("N"));
        var byInteger = (IIntegerKeyedGrain)silo.Grains.GetGrain(typeof(IIntegerKeyedGrain), "-42");

        Assert.Equal(key, await byGuid.GetKey());
        Assert.Equal(-42L, await byInteger.GetKey());
    }

    private static TestClusterOptions BadGrainsOnly(bool registerContext) => new()
    {
        ConfigureSilo = silo =>
        {
            silo.Services.Configure<GrainAssemblyOptions>(o => o.DiscoverAssemblies = false);
            silo.AddGrainAssembly(BadGrainsAssembly.Assembly);
            if (registerContext)
            {
                var context = (JsonSerializerContext)BadGrainsAssembly.GetType("OrderIntentJsonContext").GetProperty("Default")!.GetValue(null)!;
                silo.AddSerializerContext(context);
            }
        },
    };
}

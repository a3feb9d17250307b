using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TradingRobotPlug.Runtime.Configuration;
using TradingRobotPlug.Runtime.Hosting;
using TradingRobotPlug.Runtime.TestingHost;
using TradingRobotPlug.Runtime.Tests.Infrastructure;

namespace TradingRobotPlug.Runtime.Tests.Hosting;

public sealed class OptionsValidationTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(-30)]
    public async Task Non_positive_ResponseTimeout_fails_host_start_naming_the_setting(int seconds)
    {
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(
            () => TestSilo.StartAsync(s => s.ConfigureMessaging(o => o.ResponseTimeout = TimeSpan.FromSeconds(seconds))));

        Assert.Contains("MessagingOptions.ResponseTimeout must be positive", ex.Message);
    }

    [Fact]
    public async Task Failed_start_disposes_what_the_silo_created()
    {
        var validator = new DisposalTrackingValidator();
        var options = TestSilo.CreateOptions(new TestProbe(), s => s.Services.AddSingleton<IValidateOptions<MessagingOptions>>(_ => validator));

        await Assert.ThrowsAsync<OptionsValidationException>(() => InProcessTestCluster.StartAsync(options));

        Assert.True(validator.Disposed);
    }

    [Fact]
    public async Task Collection_quantum_above_the_collection_age_fails_host_start_naming_the_setting()
    {
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => TestSilo.StartAsync(s => s.ConfigureGrainCollection(o =>
        {
            o.CollectionAge = TimeSpan.FromMinutes(1);
            o.CollectionQuantum = TimeSpan.FromMinutes(2);
        })));

        Assert.Contains("GrainCollectionOptions.CollectionQuantum", ex.Message);
    }

    [Fact]
    public async Task Zero_stream_queue_capacity_fails_host_start_naming_the_provider_and_setting()
    {
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(
            () => TestSilo.StartAsync(s => s.AddMemoryStreams("Tiny", o => o.QueueCapacity = 0)));

        Assert.Contains("MemoryStreamOptions.QueueCapacity of stream provider 'Tiny'", ex.Message);
    }
}

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Providers;
using Orleans.Storage;

namespace TradingRobotPlug.Api.Tests.Infrastructure;

/// <summary>
/// The API on in-memory storage whose <c>Default</c> grain storage is wrapped in a <see cref="FlakyGrainStorage"/>, so a
/// test can make the storage of chosen grain types fail (as with PostgreSQL down) and heal it again.
/// </summary>
public sealed class FlakyStorageApiFactory : ApiFactory
{
    private FlakyGrainStorage? _storage;

    /// <summary>The wrapped storage (once the host has been built, e.g. after the first access to <c>Services</c>).</summary>
    public FlakyGrainStorage Storage
    {
        get
        {
            _ = Server;
            return _storage ?? throw new InvalidOperationException("The Default grain storage was never resolved.");
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            var original = services.Single(d => d.ServiceType == typeof(IGrainStorage) && d.IsKeyedService
                && Equals(d.ServiceKey, ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME));
            services.Remove(original);
            services.AddKeyedSingleton<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, (sp, key) =>
                _storage = new FlakyGrainStorage((IGrainStorage)original.KeyedImplementationFactory!(sp, key)));
        });
    }
}

using Microsoft.AspNetCore.Hosting;

namespace TradingRobotPlug.Api.Tests.Infrastructure;

/// <summary>
/// The API with its grain state in PostgreSQL (<c>Trading:Postgres</c> = <paramref name="connectionString"/>). The
/// setting is a host setting, which reaches the program's own configuration before it chooses the storage (settings
/// added with <see cref="ApiFactory.With"/> arrive later, when only options read at run time see them).
/// </summary>
public sealed class PostgresApiFactory(string connectionString) : ApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Trading:Postgres", connectionString);
    }
}

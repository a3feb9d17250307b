using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;

namespace TradingRobotPlug.Dashboard;

/// <summary>Serves the browser dashboard (the bundled files under <c>dashboard-wwwroot/</c> next to the executable).</summary>
public static partial class DashboardEndpointExtensions
{
    /// <summary>Folder name of the built dashboard in the output directory.</summary>
    public const string FolderName = "dashboard-wwwroot";

    /// <summary><c>Cache-Control</c> of a file whose name carries its content hash: it never changes, so keep it for a year.</summary>
    public const string ImmutableCacheControl = "public, max-age=31536000, immutable";

    private static readonly string[] ReservedPrefixes = ["/api", "/hubs", "/health", "/openapi"];

    /// <summary>
    /// Serves the dashboard at <c>/</c>: its static files, and <c>index.html</c> for client routes such as
    /// <c>/strategies/{id}</c> and <c>/cluster</c> (never for <c>/api</c>, <c>/hubs</c>, <c>/health</c> or
    /// <c>/openapi</c>, which answer 404 when nothing else matched). Call after the other endpoints are mapped.
    /// </summary>
    /// <param name="app">The application.</param>
    /// <param name="rootPath">Folder of the built files; default <c>dashboard-wwwroot</c> under <see cref="AppContext.BaseDirectory"/>.</param>
    /// <returns>The application.</returns>
    public static WebApplication MapDashboard(this WebApplication app, string? rootPath = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        var root = rootPath ?? Path.Combine(AppContext.BaseDirectory, FolderName);
        var index = Path.Combine(root, "index.html");
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DashboardEndpointExtensions).FullName!);
        if (!File.Exists(index))
        {
            LogWarningNotBuilt(logger, root);
        }
        else
        {
            app.UseStaticFiles(new StaticFileOptions
            {
                FileProvider = new PhysicalFileProvider(root),
                ContentTypeProvider = new FileExtensionContentTypeProvider(),
                OnPrepareResponse = ctx => ctx.Context.Response.Headers.CacheControl = CacheControlFor(ctx.File.Name),
            });
        }

        // A fallback (lowest order) for GET and HEAD only, so that other methods on API routes still get 405, and only
        // for paths without a file extension, so that static files are served by the middleware above.
        var fallback = app.MapMethods("{*path:nonfile}", [HttpMethods.Get, HttpMethods.Head], (RequestDelegate)(context =>
        {
            var path = context.Request.Path;
            if (Array.Exists(ReservedPrefixes, p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }

            if (!File.Exists(index))
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                context.Response.ContentType = "text/plain; charset=utf-8";
                return context.Response.WriteAsync($"The dashboard is not built: {index} is missing. Run 'dotnet build'.");
            }

            context.Response.Headers.CacheControl = "no-cache";
            context.Response.ContentType = "text/html; charset=utf-8";
            return context.Response.SendFileAsync(index);
        }));
        fallback.Add(endpoint => ((RouteEndpointBuilder)endpoint).Order = int.MaxValue);
        fallback.WithDisplayName("Dashboard client routes");
        // The page itself is public (it holds no data and shows the sign-in); everything it reads needs credentials.
        fallback.AllowAnonymous();
        fallback.ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// The <c>Cache-Control</c> of a dashboard file: <see cref="ImmutableCacheControl"/> for the content-hashed bundle
    /// (<c>app-HASH.js</c>, <c>styles-HASH.css</c> and their source map and licence files, named by <c>build.mjs</c>), and
    /// <c>no-cache</c> (revalidate every time) for anything else, such as <c>index.html</c>, which names the hashed files.
    /// </summary>
    /// <param name="fileName">The file's name, without folders.</param>
    /// <returns>The header value.</returns>
    public static string CacheControlFor(string fileName)
        => HashedName().IsMatch(fileName) ? ImmutableCacheControl : "no-cache";

    [GeneratedRegex(@"^(app|styles)-[A-Za-z0-9]{8,}\.(js|css)(\.map|\.LEGAL\.txt)?$", RegexOptions.CultureInvariant)]
    private static partial Regex HashedName();

    [LoggerMessage(Level = LogLevel.Warning, Message = "The dashboard is not built ({Root}/index.html is missing); '/' answers 503")]
    private static partial void LogWarningNotBuilt(ILogger logger, string root);
}

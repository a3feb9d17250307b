using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using TradingRobotPlug.Api.Hosting;

namespace TradingRobotPlug.Api.Features.Common;

/// <summary>
/// When <see cref="TradingApiOptions.ApiKeys"/> is not empty, POST, PUT, PATCH and DELETE need the header
/// <see cref="HeaderName"/> equal to one of the keys (compared in constant time over SHA-256 digests, so neither the
/// content nor the length of a key leaks through timing); otherwise 401 ProblemDetails. Reads pass. Runs before the
/// endpoint binds its body, so an unauthenticated write never gets a validation answer.
/// </summary>
public sealed class ApiKeyMiddleware(RequestDelegate next, IOptions<TradingApiOptions> options, IProblemDetailsService problems)
{
    /// <summary>The request header carrying the key.</summary>
    public const string HeaderName = "X-Api-Key";

    /// <summary>Where the Orleans dashboard is mapped. It has no authentication of its own and shows the whole cluster, so
    /// with keys configured every request to it, reads included, needs a key.</summary>
    public const string OrleansDashboardPath = "/dashboard";

    private static bool IsRead(string method) => HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method);

    private readonly byte[][] _digests = [.. options.Value.ApiKeys.Where(k => !string.IsNullOrEmpty(k)).Select(k => SHA256.HashData(Encoding.UTF8.GetBytes(k)))];

    /// <summary>Checks the key of a write request, then calls the rest of the pipeline or answers 401.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (_digests.Length == 0 || (IsRead(request.Method) && !request.Path.StartsWithSegments(OrleansDashboardPath, StringComparison.OrdinalIgnoreCase)))
        {
            await next(context);
            return;
        }

        var given = request.Headers[HeaderName].ToString();
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(given));
        bool match = false;
        foreach (var key in _digests)
        {
            match |= CryptographicOperations.FixedTimeEquals(key, digest);
        }

        if (match && given.Length > 0)
        {
            await next(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = "A valid API key is required.",
                Detail = $"Write requests need the header {HeaderName} with a configured key (Trading:ApiKeys).",
            },
        });
    }
}

using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using TradingRobotPlug.Api.Hosting;

namespace TradingRobotPlug.Api.Features.Common;

/// <summary>
/// When <see cref="TradingApiOptions.ApiKeys"/> is not empty, POST, PUT, PATCH and DELETE need the header
/// <see cref="HeaderName"/> equal to one of the keys (compared in constant time over SHA-256 digests, so neither the
/// content nor the length of a key leaks through timing); otherwise 401 ProblemDetails. Reads pass.
/// </summary>
public sealed class ApiKeyEndpointFilter(IOptions<TradingApiOptions> options) : IEndpointFilter
{
    /// <summary>The request header carrying the key.</summary>
    public const string HeaderName = "X-Api-Key";

    private readonly byte[][] _digests = [.. options.Value.ApiKeys.Where(k => !string.IsNullOrEmpty(k)).Select(k => SHA256.HashData(Encoding.UTF8.GetBytes(k)))];

    /// <inheritdoc/>
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var request = context.HttpContext.Request;
        if (_digests.Length == 0 || HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method))
        {
            return await next(context);
        }

        var given = request.Headers[HeaderName].ToString();
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(given));
        bool match = false;
        foreach (var key in _digests)
        {
            match |= CryptographicOperations.FixedTimeEquals(key, digest);
        }

        return match && given.Length > 0
            ? await next(context)
            : TypedResults.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "A valid API key is required.",
                detail: $"Write requests need the header {HeaderName} with a configured key (Trading:ApiKeys).");
    }
}

using TradingRobotPlug.Api.Features.Common;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Net.Http.Headers;

namespace TradingRobotPlug.Api.Security;

/// <summary>The 401 and 403 answers of the authentication handlers, as problem+json.</summary>
public static class AuthenticationProblems
{
    /// <summary>The <c>WWW-Authenticate</c> value of a 401: both ways to sign in.</summary>
    public const string Challenge = "ApiKey header=\"X-Api-Key\", Bearer";

    /// <summary>Writes 401 with <see cref="Challenge"/> and a problem body saying <paramref name="detail"/>.</summary>
    public static Task WriteUnauthorizedAsync(HttpContext context, string detail, string challenge = Challenge)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Response.HasStarted)
        {
            return Task.CompletedTask;
        }

        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers[HeaderNames.WWWAuthenticate] = challenge;
        return ProblemResponses.WriteAsync(context, StatusCodes.Status401Unauthorized, "Authentication is required.", detail);
    }

    /// <summary>Writes 403 with a problem body naming the caller and its roles.</summary>
    public static Task WriteForbiddenAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Response.HasStarted)
        {
            return Task.CompletedTask;
        }

        var user = context.User;
        var roles = user.FindAll(TradingClaims.Role).Select(c => c.Value).ToList();
        var needed = RequiredRoles(context);
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return ProblemResponses.WriteAsync(
            context,
            StatusCodes.Status403Forbidden,
            "Not allowed for this role.",
            $"'{user.Identity?.Name}' has the role(s) {(roles.Count == 0 ? "(none)" : string.Join(", ", roles))}; this request needs {needed ?? "another role"}.");
    }

    private static string? RequiredRoles(HttpContext context)
    {
        var roles = context.GetEndpoint()?.Metadata.GetOrderedMetadata<IAuthorizeData>()
            .Select(a => a.Policy switch { TradingPolicies.Trade => TradingRoles.Trader, TradingPolicies.Operate => TradingRoles.Operator, _ => null })
            .OfType<string>()
            .Distinct()
            .ToList();
        return roles is { Count: > 0 } ? $"the role {string.Join(" and ", roles)}" : null;
    }
}

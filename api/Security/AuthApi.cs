using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;

namespace TradingRobotPlug.Api.Security;

/// <summary>Who is signed in, and a short-lived token for the dashboard's SignalR connection.</summary>
/// <param name="Name">The owner.</param>
/// <param name="Roles">Its roles.</param>
/// <param name="Demo">True in the embedded one-user demo (no user, key or JWT configured).</param>
public sealed record SignedInUser(string Name, IReadOnlyList<string> Roles, bool Demo);

/// <summary>A bearer token issued by <c>POST /api/v1/auth/token</c>.</summary>
/// <param name="Token">The JWT, for <c>Authorization: Bearer</c> or the hub's <c>access_token</c>.</param>
/// <param name="Expires">When it expires (UTC).</param>
public sealed record IssuedToken(string Token, DateTimeOffset Expires);

/// <summary>The <c>/api/v1/auth</c> endpoints.</summary>
public static class AuthApi
{
    /// <summary>Maps <c>GET /auth/me</c> and <c>POST /auth/token</c> on <paramref name="v1"/> (the <c>/api/v1</c> group).</summary>
    public static RouteGroupBuilder MapAuthApi(this RouteGroupBuilder v1)
    {
        ArgumentNullException.ThrowIfNull(v1);
        var g = v1.MapGroup("/auth").WithTags("Authentication");
        g.MapGet("/me", Me).WithName("GetSignedInUser").WithSummary("The signed-in owner and its roles (401 without credentials).");
        g.MapPost("/token", Token).WithName("IssueToken")
            .WithSummary("A bearer token for the caller's owner and roles, valid one hour (e.g. for the SignalR hub, where a browser cannot send X-Api-Key).");
        return v1;
    }

    private static Ok<SignedInUser> Me(ClaimsPrincipal user)
        => TypedResults.Ok(new SignedInUser(
            user.Owner(),
            [.. user.FindAll(TradingClaims.Role).Select(c => c.Value)],
            user.Identity?.AuthenticationType == DemoAuthenticationHandler.SchemeName));

    private static Ok<IssuedToken> Token(ClaimsPrincipal user, TokenIssuer issuer)
    {
        var (token, expires) = issuer.Issue(user);
        return TypedResults.Ok(new IssuedToken(token, expires));
    }
}

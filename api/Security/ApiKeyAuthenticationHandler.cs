using System.Security.Cryptography;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace TradingRobotPlug.Api.Security;

/// <summary>
/// Authenticates <see cref="HeaderName"/>: the SHA-256 digest of the given key is compared, in constant time, with every
/// configured owner's digest (all of them, whatever matches), so neither a key's content nor its length nor which owner
/// matched leaks through timing. No header: no result (the challenge answers 401). A wrong key: failure.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    TradingAuthenticationSettings settings) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>The scheme name.</summary>
    public const string SchemeName = "ApiKey";

    /// <summary>The request header carrying the key.</summary>
    public const string HeaderName = "X-Api-Key";

    /// <inheritdoc/>
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var values))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var given = values.ToString();
        var digest = TradingAuthenticationSettings.Digest(given);
        ApiKeyUser? found = null;
        foreach (var user in settings.Users)
        {
            // Every digest is compared; the match is kept without branching on the comparison's timing.
            bool match = CryptographicOperations.FixedTimeEquals(user.KeyDigest, digest);
            found = match ? user : found;
        }

        if (found is null || given.Length == 0)
        {
            return Task.FromResult(AuthenticateResult.Fail($"The {HeaderName} header does not hold a configured API key."));
        }

        var principal = TradingClaims.Principal(found.Name, [found.Role], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }

    /// <inheritdoc/>
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        await AuthenticationProblems.WriteUnauthorizedAsync(
            Context,
            result.Failure?.Message ?? $"Send the header {HeaderName} with your API key, or Authorization: Bearer with a token.");
    }

    /// <inheritdoc/>
    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
        => AuthenticationProblems.WriteForbiddenAsync(Context);
}

using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace TradingRobotPlug.Api.Security;

/// <summary>
/// Issues the short-lived bearer tokens of <c>POST /api/v1/auth/token</c> (the dashboard's SignalR connection: a browser
/// WebSocket cannot send <c>X-Api-Key</c>, so the key is exchanged for a token sent as <c>access_token</c>). Tokens are
/// signed with <c>Trading:Jwt:SigningKey</c> when configured, else with a random key made at start-up that lives only
/// in this process (so its tokens are valid on this API process only, until it stops).
/// </summary>
public sealed class TokenIssuer
{
    /// <summary>Lifetime of an issued token.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    private readonly TradingAuthenticationSettings _settings;
    private readonly TimeProvider _time;

    /// <summary>Creates the issuer with the configured key, or a fresh random one.</summary>
    public TokenIssuer(TradingAuthenticationSettings settings, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        _time = time;
        SigningKey = new SymmetricSecurityKey(settings.SigningKey ?? RandomNumberGenerator.GetBytes(32));
    }

    /// <summary>The key tokens are signed with (validated by the bearer handler too).</summary>
    public SymmetricSecurityKey SigningKey { get; }

    /// <summary>A token for <paramref name="user"/>'s owner and roles, valid for <see cref="Lifetime"/>.</summary>
    public (string Token, DateTimeOffset Expires) Issue(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var now = _time.GetUtcNow();
        var expires = now + Lifetime;
        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            [TradingClaims.Name] = user.Owner(),
            [TradingClaims.Role] = user.FindAll(TradingClaims.Role).Select(c => c.Value).ToArray(),
        };
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = _settings.Issuer,
            Audience = _settings.Audience,
            Claims = claims,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(SigningKey, SecurityAlgorithms.HmacSha256),
        });
        return (token, expires);
    }
}

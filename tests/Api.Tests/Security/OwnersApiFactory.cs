using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using TradingRobotPlug.Api.Tests.Infrastructure;

namespace TradingRobotPlug.Api.Tests.Security;

/// <summary>
/// An API with four owners (alice and bob traders, carol a viewer, olga an operator; bob's key configured as a hash)
/// and bearer tokens (<see cref="SigningKey"/>).
/// </summary>
public sealed class OwnersApiFactory : ApiFactory
{
    public const string Alice = "alice-key-0123";
    public const string Bob = "bob-key-4567";
    public const string Carol = "carol-key-89ab";
    public const string Olga = "olga-key-cdef";
    public const string SigningKey = "test-signing-key-0123456789-abcdefghij";

    public OwnersApiFactory()
    {
        With("Trading:Users:0:Name", "alice").With("Trading:Users:0:Role", "trader").With("Trading:Users:0:ApiKey", Alice);
        With("Trading:Users:1:Name", "bob").With("Trading:Users:1:Role", "trader")
            .With("Trading:Users:1:ApiKeyHash", Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Bob))).ToLowerInvariant());
        With("Trading:Users:2:Name", "carol").With("Trading:Users:2:Role", "viewer").With("Trading:Users:2:ApiKey", Carol);
        With("Trading:Users:3:Name", "olga").With("Trading:Users:3:Role", "operator").With("Trading:Users:3:ApiKey", Olga);
        With("Trading:Jwt:SigningKey", SigningKey);
    }

    /// <summary>A client sending <paramref name="key"/> as <c>X-Api-Key</c> (none when null).</summary>
    public HttpClient Client(string? key)
    {
        var http = CreateClient();
        if (key is not null)
        {
            http.DefaultRequestHeaders.Add("X-Api-Key", key);
        }

        return http;
    }

    /// <summary>A client sending <c>Authorization: Bearer <paramref name="token"/></c>.</summary>
    public HttpClient Bearer(string token)
    {
        var http = CreateClient();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    /// <summary>A token signed with <paramref name="key"/> (default <see cref="SigningKey"/>), valid from
    /// <paramref name="notBefore"/> to <paramref name="expires"/> (default: now to in an hour).</summary>
    public static string Token(string name, string[] roles, string key = SigningKey, DateTime? notBefore = null, DateTime? expires = null, string issuer = "trading-robot-plug")
    {
        var claims = new Dictionary<string, object> { ["name"] = name };
        if (roles.Length > 0)
        {
            claims["role"] = roles;
        }

        var from = notBefore ?? DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = "trading-robot-plug",
            Claims = claims,
            IssuedAt = from,
            NotBefore = from,
            Expires = expires ?? from.AddHours(1),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
        });
    }
}

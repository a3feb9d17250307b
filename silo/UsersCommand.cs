using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace TradingRobotPlug.Silo;

/// <summary>
/// <c>silo users</c>: makes credentials for the API's owners, for local use. <c>key</c> prints a new random API key, its
/// SHA-256 (what <c>Trading:Users:{n}:ApiKeyHash</c> holds) and the configuration lines; <c>signing-key</c> prints a new
/// random JWT signing key; <c>token</c> prints a JWT for a name and role signed with a signing key. Nothing is stored:
/// the API reads owners from its configuration.
/// </summary>
public static class UsersCommand
{
    /// <summary>The roles the API knows (see the API's <c>TradingRoles</c>).</summary>
    public static readonly string[] Roles = ["viewer", "trader", "operator"];

    /// <summary>Issuer and audience the API expects when <c>Trading:Jwt:Issuer</c> / <c>:Audience</c> are not set.</summary>
    public const string DefaultIssuer = "trading-robot-plug";

    /// <summary>Fewest bytes of a signing key the API accepts.</summary>
    public const int MinSigningKeyBytes = 32;

    /// <summary>A new random API key: <c>trp_</c> and 32 random bytes in base64url (256 bits).</summary>
    public static string NewKey() => "trp_" + Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>The SHA-256 of a key's UTF-8 bytes, lower-case hex (the API's <c>ApiKeyHash</c>).</summary>
    public static string Hash(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key))).ToLowerInvariant();

    /// <summary>Prints a new key, its hash and the configuration of user <paramref name="index"/>.</summary>
    public static int PrintKey(string name, string role, int index, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var key = NewKey();
        output.WriteLine($"API key (give it to {name}; it is not stored anywhere): {key}");
        output.WriteLine($"SHA-256 of the key: {Hash(key)}");
        output.WriteLine("Configuration of the API (environment variables; keep only the hash on the server):");
        output.WriteLine($"  Trading__Users__{index}__Name={name}");
        output.WriteLine($"  Trading__Users__{index}__Role={role}");
        output.WriteLine($"  Trading__Users__{index}__ApiKeyHash={Hash(key)}");
        output.WriteLine($"Use: curl -H 'X-Api-Key: {key}' http://127.0.0.1:5000/api/v1/auth/me");
        return 0;
    }

    /// <summary>Prints a new random signing key for <c>Trading:Jwt:SigningKey</c>.</summary>
    public static int PrintSigningKey(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine(Base64Url(RandomNumberGenerator.GetBytes(48)));
        return 0;
    }

    /// <summary>Prints a JWT with the claims <c>name</c> and <c>role</c>, signed (HMAC-SHA256) with <paramref name="signingKey"/>.</summary>
    /// <returns>0, or 2 when the signing key is missing or too short (the message on <paramref name="error"/>).</returns>
    public static int PrintToken(string name, string role, string? signingKey, string issuer, string audience, double hours, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (string.IsNullOrEmpty(signingKey) || Encoding.UTF8.GetByteCount(signingKey) < MinSigningKeyBytes)
        {
            error.WriteLine($"A signing key of at least {MinSigningKeyBytes} bytes is required: --signing-key, or the environment variable Trading__Jwt__SigningKey (the API's Trading:Jwt:SigningKey; 'silo users signing-key' makes one).");
            return 2;
        }

        if (hours <= 0)
        {
            error.WriteLine($"--hours must be positive (was {hours}).");
            return 2;
        }

        var now = DateTime.UtcNow;
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Claims = new Dictionary<string, object> { ["name"] = name, ["role"] = new[] { role } },
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddHours(hours),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(signingKey)), SecurityAlgorithms.HmacSha256),
        });
        output.WriteLine(token);
        return 0;
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

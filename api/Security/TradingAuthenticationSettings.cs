using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using TradingRobotPlug.Api.Hosting;
using TradingRobotPlug.GrainInterfaces.Strategies;

namespace TradingRobotPlug.Api.Security;

/// <summary>One owner that signs in with an API key: its name, role and the SHA-256 digest of its key.</summary>
/// <param name="Name">Owner name.</param>
/// <param name="Role">One of <see cref="TradingRoles"/>.</param>
/// <param name="KeyDigest">SHA-256 of the key's UTF-8 bytes (32 bytes).</param>
/// <param name="Source">The configuration path it came from, for messages.</param>
public sealed record ApiKeyUser(string Name, string Role, byte[] KeyDigest, string Source);

/// <summary>
/// Who may sign in, read from configuration once at start-up:
/// <list type="bullet">
/// <item><c>Trading:Users:{n}:Name</c>, <c>:Role</c> (viewer | trader | operator) and <c>:ApiKey</c> or <c>:ApiKeyHash</c>
/// (SHA-256 of the key, 64 hex digits);</item>
/// <item>legacy <c>Trading:ApiKeys:{n}</c>: each key its own owner <c>key-{n}</c> with the trader role;</item>
/// <item><c>Trading:Jwt:SigningKey</c> (at least 32 bytes of UTF-8, HMAC-SHA256), <c>:Issuer</c> and <c>:Audience</c>
/// (both default <see cref="DefaultIssuer"/>): bearer tokens whose <c>name</c> claim is the owner and <c>role</c> claims
/// its roles.</item>
/// </list>
/// With none of these, <see cref="IsConfigured"/> is false: the embedded one-user demo.
/// </summary>
public sealed class TradingAuthenticationSettings
{
    /// <summary>The configuration section of the users.</summary>
    public const string UsersSection = $"{TradingApiOptions.Section}:Users";

    /// <summary>The configuration section of the JWT settings.</summary>
    public const string JwtSection = $"{TradingApiOptions.Section}:Jwt";

    /// <summary>The configuration section of the legacy keys.</summary>
    public const string LegacyKeysSection = $"{TradingApiOptions.Section}:{nameof(TradingApiOptions.ApiKeys)}";

    /// <summary>Issuer and audience of tokens when not configured.</summary>
    public const string DefaultIssuer = "trading-robot-plug";

    /// <summary>Fewest bytes of a JWT signing key (HMAC-SHA256 needs 256 bits).</summary>
    public const int MinSigningKeyBytes = 32;

    private TradingAuthenticationSettings(IReadOnlyList<ApiKeyUser> users, byte[]? signingKey, string issuer, string audience)
    {
        Users = users;
        SigningKey = signingKey;
        Issuer = issuer;
        Audience = audience;
    }

    /// <summary>Owners that sign in with an API key (configured users, then legacy keys).</summary>
    public IReadOnlyList<ApiKeyUser> Users { get; }

    /// <summary>The configured JWT signing key; null when bearer tokens are not configured.</summary>
    public byte[]? SigningKey { get; }

    /// <summary>Expected <c>iss</c> of tokens.</summary>
    public string Issuer { get; }

    /// <summary>Expected <c>aud</c> of tokens.</summary>
    public string Audience { get; }

    /// <summary>True when any user, key or JWT signing key is configured: every route except health checks and the
    /// dashboard's files then needs credentials.</summary>
    public bool IsConfigured => Users.Count > 0 || SigningKey is not null;

    /// <summary>True when <paramref name="configuration"/> configures authentication (see <see cref="IsConfigured"/>),
    /// without validating it: entries count even when invalid, so an invalid entry never turns authentication off.</summary>
    public static bool AnyConfigured(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration.GetSection(UsersSection).GetChildren().Any()
            || configuration.GetSection(LegacyKeysSection).GetChildren().Any()
            || configuration.GetSection(JwtSection).GetChildren().Any();
    }

    /// <summary>Reads and validates the settings.</summary>
    /// <exception cref="InvalidOperationException">An entry is invalid; the message names it (its path) and what is wrong,
    /// never the key itself.</exception>
    public static TradingAuthenticationSettings Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var users = new List<ApiKeyUser>();
        foreach (var user in configuration.GetSection(UsersSection).GetChildren())
        {
            users.Add(ReadUser(user));
        }

        foreach (var key in configuration.GetSection(LegacyKeysSection).GetChildren())
        {
            if (string.IsNullOrWhiteSpace(key.Value))
            {
                throw new InvalidOperationException(
                    $"{key.Path} is empty: an API key must not be empty (remove the entry, or give a key of at least one character).");
            }

            users.Add(new ApiKeyUser($"key-{key.Key}", TradingRoles.Trader, Digest(key.Value), key.Path));
        }

        var duplicate = users.GroupBy(u => u.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Owner '{duplicate.Key}' is configured twice ({string.Join(", ", duplicate.Select(u => u.Source))}); each owner has one entry.");
        }

        var sameKey = users.GroupBy(u => Convert.ToHexString(u.KeyDigest), StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (sameKey is not null)
        {
            throw new InvalidOperationException($"{string.Join(" and ", sameKey.Select(u => u.Source))} have the same API key; a key identifies one owner.");
        }

        var jwt = configuration.GetSection(JwtSection);
        byte[]? signingKey = null;
        if (jwt.GetChildren().Any())
        {
            var text = jwt["SigningKey"];
            if (string.IsNullOrEmpty(text) || Encoding.UTF8.GetByteCount(text) < MinSigningKeyBytes)
            {
                throw new InvalidOperationException(
                    $"{JwtSection}:SigningKey must be at least {MinSigningKeyBytes} bytes (e.g. the output of 'silo users key'); it is {(string.IsNullOrEmpty(text) ? "missing" : "too short")}.");
            }

            signingKey = Encoding.UTF8.GetBytes(text);
        }

        return new TradingAuthenticationSettings(
            users,
            signingKey,
            string.IsNullOrWhiteSpace(jwt["Issuer"]) ? DefaultIssuer : jwt["Issuer"]!,
            string.IsNullOrWhiteSpace(jwt["Audience"]) ? DefaultIssuer : jwt["Audience"]!);
    }

    /// <summary>SHA-256 of a key's UTF-8 bytes.</summary>
    public static byte[] Digest(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return SHA256.HashData(Encoding.UTF8.GetBytes(key));
    }

    private static ApiKeyUser ReadUser(IConfigurationSection user)
    {
        var name = user["Name"];
        if (Owners.NameError(name) is { } nameError)
        {
            throw new InvalidOperationException($"{user.Path}:Name {nameError}");
        }

        var role = user["Role"];
        if (!TradingRoles.IsKnown(role))
        {
            throw new InvalidOperationException($"{user.Path}:Role is '{role}': one of {string.Join(", ", TradingRoles.All)}.");
        }

        var key = user["ApiKey"];
        var hash = user["ApiKeyHash"];
        if (!string.IsNullOrEmpty(key) && !string.IsNullOrEmpty(hash))
        {
            throw new InvalidOperationException($"{user.Path} has both ApiKey and ApiKeyHash; give one.");
        }

        if (!string.IsNullOrEmpty(key))
        {
            if (string.IsNullOrWhiteSpace(key))
            {
                throw new InvalidOperationException($"{user.Path}:ApiKey is white space only.");
            }

            return new ApiKeyUser(name!, role!, Digest(key), user.Path);
        }

        if (string.IsNullOrEmpty(hash))
        {
            throw new InvalidOperationException($"{user.Path} has no ApiKey nor ApiKeyHash (SHA-256 of the key, 64 hex digits; 'silo users key' prints both).");
        }

        if (hash.Length != 64 || !hash.All(char.IsAsciiHexDigit))
        {
            throw new InvalidOperationException($"{user.Path}:ApiKeyHash is not 64 hex digits (the SHA-256 of the key's UTF-8 bytes).");
        }

        return new ApiKeyUser(name!, role!, Convert.FromHexString(hash), user.Path);
    }

    /// <summary>A short description for the start-up log (counts, never keys).</summary>
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"{Users.Count} API-key owner(s) ({string.Join(", ", Users.Select(u => $"{u.Name}:{u.Role}"))}), bearer tokens {(SigningKey is null ? "off" : $"on (issuer {Issuer}, audience {Audience})")}");
}

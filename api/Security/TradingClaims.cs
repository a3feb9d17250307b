using System.Security.Claims;
using TradingRobotPlug.GrainInterfaces.Strategies;

namespace TradingRobotPlug.Api.Security;

/// <summary>The claims of an authenticated owner and what they may see.</summary>
public static class TradingClaims
{
    /// <summary>The claim type of the owner's name (also the JWT claim).</summary>
    public const string Name = "name";

    /// <summary>The claim type of a role (also the JWT claim; may repeat).</summary>
    public const string Role = "role";

    /// <summary>A principal of <paramref name="owner"/> with <paramref name="roles"/>, authenticated by <paramref name="scheme"/>.</summary>
    public static ClaimsPrincipal Principal(string owner, IEnumerable<string> roles, string scheme)
    {
        ArgumentNullException.ThrowIfNull(roles);
        var identity = new ClaimsIdentity(scheme, Name, Role);
        identity.AddClaim(new Claim(Name, owner));
        foreach (var role in roles)
        {
            identity.AddClaim(new Claim(Role, role));
        }

        return new ClaimsPrincipal(identity);
    }

    /// <summary>The caller's owner name.</summary>
    /// <exception cref="InvalidOperationException">The caller is not authenticated (an endpoint without the fallback policy).</exception>
    public static string Owner(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name }
            ? name
            : throw new InvalidOperationException("The request is not authenticated: no owner.");
    }

    /// <summary>True when the caller reads every owner's strategies and experiments (the operator role).</summary>
    public static bool ReadsEveryone(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.IsInRole(TradingRoles.Operator);
    }

    /// <summary>True when the caller owns data stored with <paramref name="storedOwner"/> (null is <see cref="Owners.Demo"/>).</summary>
    public static bool Owns(this ClaimsPrincipal user, string? storedOwner)
        => string.Equals(user.Owner(), Owners.Of(storedOwner), StringComparison.Ordinal);

    /// <summary>True when the caller may read data stored with <paramref name="storedOwner"/>: its own, or anyone's for an operator.</summary>
    public static bool CanRead(this ClaimsPrincipal user, string? storedOwner) => user.ReadsEveryone() || user.Owns(storedOwner);
}

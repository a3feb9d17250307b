using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using TradingRobotPlug.GrainInterfaces.Strategies;

namespace TradingRobotPlug.Api.Security;

/// <summary>
/// The embedded one-user demo (no user, key or JWT configured): every request is the owner <see cref="Owners.Demo"/>
/// with every role. The host then listens on loopback only (<see cref="Hosting.LoopbackGuard"/>) and answers only
/// loopback host names (<see cref="Features.Common.CrossSiteGuard"/>).
/// </summary>
public sealed class DemoAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>The scheme name.</summary>
    public const string SchemeName = "Demo";

    /// <inheritdoc/>
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        => Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(TradingClaims.Principal(Owners.Demo, TradingRoles.All, SchemeName), SchemeName)));

    /// <inheritdoc/>
    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
        => AuthenticationProblems.WriteForbiddenAsync(Context);
}

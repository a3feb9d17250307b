using System.Security.Claims;
using Microsoft.AspNetCore.SignalR;
using Orleans;
using TradingRobotPlug.Api.Features.Strategies;
using TradingRobotPlug.Api.Security;

namespace TradingRobotPlug.Api.Realtime;

/// <summary>
/// The dashboard hub at <c>/hubs/dashboard</c>. Clients call <see cref="Join"/> and <see cref="Leave"/> with the groups
/// <c>overview</c>, <c>strategy:{id}</c> and <c>instrument:{symbol}</c>; the server pushes the client events listed in
/// <see cref="DashboardEvents"/> (see <c>docs/api.md</c>, section SignalR). Pushes come from
/// <see cref="DashboardNotifier"/>; the hub only validates, records memberships and sends a joiner the current state.
/// Connecting needs the same authentication as the REST API (the fallback policy: <c>X-Api-Key</c> or a bearer token,
/// also as the <c>access_token</c> query parameter). A caller joins only the <c>strategy:</c> and <c>experiment:</c>
/// groups of what it may read (its own; an operator's, everyone's): another owner's answers exactly as an unknown id.
/// The <c>overview</c> group is per owner: a caller that reads everyone's strategies (an operator, the one-user demo)
/// joins the whole cluster's overview; any other caller joins its own (<see cref="DashboardGroup.ForOverview"/>): its
/// strategies' summaries and alerts, and the marks of its own portfolio. The <c>experiments</c> list is per owner the
/// same way (<see cref="DashboardGroup.ForExperimentList"/>).
/// </summary>
public sealed partial class DashboardHub(DashboardNotifier notifier, DashboardStateReader reader, ExperimentNotifier experiments, IClusterClient client, ILogger<DashboardHub> logger) : Hub
{
    /// <summary>The hub's path.</summary>
    public const string Path = "/hubs/dashboard";

    /// <summary>
    /// Joins a group and sends the caller the group's current state at once (before this call completes); later
    /// changes arrive as coalesced pushes. Joining a group twice is harmless.
    /// </summary>
    /// <param name="group"><c>overview</c>, <c>strategy:{id}</c>, <c>instrument:{symbol}</c>, <c>experiment:{id}</c> or <c>experiments</c>.</param>
    /// <exception cref="HubException">Bad syntax, an unknown strategy or experiment id (or another owner's), or an
    /// instrument never seen.</exception>
    public async Task Join(string group)
    {
        var user = Caller();
        var parsed = Scoped(Parse(group), user);

        if (parsed.Kind == DashboardGroupKind.Strategy && await StrategiesApi.Find(client, parsed.Strategy.ToString(), user) is null)
        {
            // The same answer as for a strategy that does not exist: another owner's strategy is not revealed.
            var unknown = $"Unknown group '{parsed.Name}': there is no strategy '{parsed.Strategy}'.";
            LogDebugRefused(logger, Context.ConnectionId, group, unknown);
            throw new HubException(unknown);
        }

        if (parsed.Kind == DashboardGroupKind.Experiment)
        {
            // Checked before the connection enters the group, so that no push of another owner's experiment reaches it
            // (an experiment's owner never changes).
            if (await experiments.ReadAsync(parsed.Experiment!) is not { } experiment || !user.CanRead(experiment.Settings?.Owner))
            {
                var unknown = $"Unknown group '{parsed.Name}': no experiment with id '{parsed.Experiment}'.";
                LogDebugRefused(logger, Context.ConnectionId, group, unknown);
                throw new HubException(unknown);
            }

            await JoinExperimentAsync(parsed);
            return;
        }

        if (parsed.Kind == DashboardGroupKind.ExperimentList)
        {
            await JoinExperimentListAsync(parsed, user);
            return;
        }

        if (await reader.CheckExistsAsync(parsed, user.CanRead) is { } error)
        {
            LogDebugRefused(logger, Context.ConnectionId, group, error);
            throw new HubException(error);
        }

        if (parsed.Kind == DashboardGroupKind.Instrument)
        {
            await notifier.EnsureBarsAsync(parsed.Instrument);
        }

        // Membership first, then the state read: a change is then either in the state or in a later push (or both,
        // so clients merge trades by instrument and entry time), never in neither.
        notifier.AddMember(Context.ConnectionId, parsed);
        try
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, parsed.Name, Context.ConnectionAborted);
            foreach (var message in await reader.ReadAsync(parsed))
            {
                await Clients.Caller.SendAsync(message.Event, message.Payload, Context.ConnectionAborted);
            }
        }
        catch (Exception ex)
        {
            LogWarningJoinFailed(logger, Context.ConnectionId, parsed.Name, ex);
            notifier.RemoveMember(Context.ConnectionId, parsed);
            await Groups.RemoveFromGroupAsync(Context.ConnectionId, parsed.Name, CancellationToken.None);
            throw;
        }

        LogDebugJoined(logger, Context.ConnectionId, parsed.Name);
    }

    /// <summary>Leaves a group: no pushes for it arrive after this call completes, except from a flush already
    /// sending when it was called. Leaving a group not joined is harmless.</summary>
    /// <param name="group">A group name as for <see cref="Join"/>.</param>
    /// <exception cref="HubException">The name is not a group name.</exception>
    public async Task Leave(string group)
    {
        var parsed = Scoped(Parse(group), Caller());
        if (parsed.Kind != DashboardGroupKind.Experiment)
        {
            notifier.RemoveMember(Context.ConnectionId, parsed);
        }

        await Groups.RemoveFromGroupAsync(Context.ConnectionId, parsed.Name, Context.ConnectionAborted);
        LogDebugLeft(logger, Context.ConnectionId, parsed.Name);
    }

    /// <inheritdoc/>
    public override Task OnDisconnectedAsync(Exception? exception)
    {
        notifier.RemoveConnection(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }

    private ClaimsPrincipal Caller()
        => Context.User is { Identity.IsAuthenticated: true } user ? user : throw new HubException("The connection is not authenticated.");

    /// <summary>The overview or experiment list group <paramref name="user"/> gets: every owner's for a caller that reads everyone's, its own otherwise.</summary>
    private static DashboardGroup Scoped(DashboardGroup group, ClaimsPrincipal user)
        => user.ReadsEveryone() ? group : group.Kind switch
        {
            DashboardGroupKind.Overview => DashboardGroup.ForOverview(user.Owner()),
            DashboardGroupKind.ExperimentList => DashboardGroup.ForExperimentList(user.Owner()),
            _ => group,
        };

    private static DashboardGroup Parse(string group)
        => DashboardGroup.TryParse(group, out var parsed, out var error) ? parsed : throw new HubException(error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Connection {ConnectionId} joined {Group}")]
    private static partial void LogDebugJoined(ILogger logger, string connectionId, string group);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Connection {ConnectionId} left {Group}")]
    private static partial void LogDebugLeft(ILogger logger, string connectionId, string group);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Connection {ConnectionId} refused group {Group}: {Reason}")]
    private static partial void LogDebugRefused(ILogger logger, string connectionId, string group, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connection {ConnectionId} could not join {Group}")]
    private static partial void LogWarningJoinFailed(ILogger logger, string connectionId, string group, Exception exception);
}

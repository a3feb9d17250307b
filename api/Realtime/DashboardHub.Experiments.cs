using System.Security.Claims;
using Microsoft.AspNetCore.SignalR;
using TradingRobotPlug.Api.Features.Experiments;
using TradingRobotPlug.Api.Security;

namespace TradingRobotPlug.Api.Realtime;

public sealed partial class DashboardHub
{
    /// <summary>
    /// Joins an <c>experiment:{id}</c> group: refuses an unknown experiment, adds the connection to the SignalR group and
    /// sends the caller the experiment's snapshot as an <see cref="ExperimentNotifier.Event"/> message; later changes
    /// arrive from <see cref="ExperimentNotifier"/>.
    /// </summary>
    private async Task JoinExperimentAsync(DashboardGroup group)
    {
        // Group first, then the state read: a change is then in the state or in a later push (or both), never in neither.
        await Groups.AddToGroupAsync(Context.ConnectionId, group.Name, Context.ConnectionAborted);
        try
        {
            var snapshot = await experiments.ReadAsync(group.Experiment!);
            // Another owner's experiment answers exactly as an unknown one.
            if (snapshot is null || !Caller().CanRead(snapshot.Settings?.Owner))
            {
                throw new HubException($"Unknown group '{group.Name}': no experiment with id '{group.Experiment}'.");
            }

            await Clients.Caller.SendAsync(ExperimentNotifier.Event, snapshot, Context.ConnectionAborted);
        }
        catch (Exception ex)
        {
            LogWarningJoinFailed(logger, Context.ConnectionId, group.Name, ex);
            await Groups.RemoveFromGroupAsync(Context.ConnectionId, group.Name, CancellationToken.None);
            throw;
        }

        LogDebugJoined(logger, Context.ConnectionId, group.Name);
    }

    /// <summary>
    /// Joins the <c>experiments</c> group (the experiment list), <paramref name="group"/> being the caller's scoped one
    /// (every owner's for an operator, else <c>experiments@{owner}</c>): adds the connection to it and sends the caller
    /// the experiments it may read as a complete <see cref="ExperimentListUpdate"/>; later changes arrive from
    /// <see cref="ExperimentNotifier"/> as incomplete ones (changed rows only).
    /// </summary>
    private async Task JoinExperimentListAsync(DashboardGroup group, ClaimsPrincipal user)
    {
        // Group first, then the state read: a change is then in the state or in a later push (or both), never in neither.
        await Groups.AddToGroupAsync(Context.ConnectionId, group.Name, Context.ConnectionAborted);
        try
        {
            var list = await ExperimentsApi.ListReadable(client, user);
            await Clients.Caller.SendAsync(ExperimentNotifier.ListEvent, new ExperimentListUpdate(true, list), Context.ConnectionAborted);
        }
        catch (Exception ex)
        {
            LogWarningJoinFailed(logger, Context.ConnectionId, group.Name, ex);
            await Groups.RemoveFromGroupAsync(Context.ConnectionId, group.Name, CancellationToken.None);
            throw;
        }

        LogDebugJoined(logger, Context.ConnectionId, group.Name);
    }
}

using System.Diagnostics.CodeAnalysis;
using TradingRobotPlug.GrainInterfaces.Market;
using TradingRobotPlug.GrainInterfaces.Trading;

namespace TradingRobotPlug.Api.Realtime;

/// <summary>
/// A parsed dashboard group name. Canonical forms: <c>overview</c>, <c>strategy:{id}</c> (the canonical, lower-case
/// <see cref="StrategyId"/>), <c>instrument:{symbol}</c> (the canonical, upper-case <see cref="InstrumentId"/>),
/// <c>experiment:{id}</c> (the canonical, lower-case experiment id) and <c>experiments</c> (the experiment list). The
/// canonical form is the SignalR group name. Clients name the overview <c>overview</c> and the experiment list
/// <c>experiments</c>; the hub makes them one owner's (<see cref="ForOverview"/>, <see cref="ForExperimentList"/>:
/// SignalR groups <c>overview@{owner}</c> and <c>experiments@{owner}</c>, names no client can send) for a caller that
/// reads only its own strategies and experiments.
/// </summary>
public readonly record struct DashboardGroup
{
    /// <summary>The overview group's name.</summary>
    public const string OverviewName = "overview";

    /// <summary>The experiment list group's name.</summary>
    public const string ExperimentListName = "experiments";

    /// <summary>Prefix of a strategy group's name.</summary>
    public const string StrategyPrefix = "strategy:";

    /// <summary>Prefix of an instrument group's name.</summary>
    public const string InstrumentPrefix = "instrument:";

    /// <summary>Prefix of an experiment group's name.</summary>
    public const string ExperimentPrefix = "experiment:";

    private DashboardGroup(DashboardGroupKind kind, StrategyId strategy, InstrumentId instrument, string name, string? owner = null)
    {
        Kind = kind;
        Strategy = strategy;
        Instrument = instrument;
        Name = name;
        Owner = owner;
    }

    /// <summary>The overview group of every owner's strategies.</summary>
    public static DashboardGroup Overview { get; } = new(DashboardGroupKind.Overview, default, default, OverviewName);

    /// <summary>The owner whose strategies an <see cref="DashboardGroupKind.Overview"/> group, or whose experiments an
    /// <see cref="DashboardGroupKind.ExperimentList"/> group, shows; null for every owner's (and for other kinds).</summary>
    public string? Owner { get; }

    /// <summary>The overview group of one owner's strategies (SignalR group <c>overview@{owner}</c>), or of every owner's when <paramref name="owner"/> is null.</summary>
    public static DashboardGroup ForOverview(string? owner)
        => owner is null ? Overview : new(DashboardGroupKind.Overview, default, default, $"{OverviewName}@{owner}", owner);

    /// <summary>The experiment list of every owner's experiments.</summary>
    public static DashboardGroup ExperimentList { get; } = new(DashboardGroupKind.ExperimentList, default, default, ExperimentListName);

    /// <summary>The experiment list of one owner's experiments (SignalR group <c>experiments@{owner}</c>), or of every
    /// owner's when <paramref name="owner"/> is null.</summary>
    public static DashboardGroup ForExperimentList(string? owner)
        => owner is null ? ExperimentList : new(DashboardGroupKind.ExperimentList, default, default, $"{ExperimentListName}@{owner}", owner);

    /// <summary>What the group shows.</summary>
    public DashboardGroupKind Kind { get; }

    /// <summary>The strategy of a <see cref="DashboardGroupKind.Strategy"/> group; default otherwise.</summary>
    public StrategyId Strategy { get; }

    /// <summary>The instrument of an <see cref="DashboardGroupKind.Instrument"/> group; default otherwise.</summary>
    public InstrumentId Instrument { get; }

    /// <summary>The canonical group name.</summary>
    public string Name { get; }

    /// <summary>The experiment id of an <see cref="DashboardGroupKind.Experiment"/> group; null otherwise.</summary>
    public string? Experiment => Kind == DashboardGroupKind.Experiment ? Name[ExperimentPrefix.Length..] : null;

    /// <summary>The group of one experiment (<paramref name="id"/> canonical).</summary>
    public static DashboardGroup ForExperiment(string id) => new(DashboardGroupKind.Experiment, default, default, ExperimentPrefix + id);

    /// <summary>The group of one strategy.</summary>
    public static DashboardGroup ForStrategy(StrategyId id) => new(DashboardGroupKind.Strategy, id, default, StrategyPrefix + id.Value);

    /// <summary>The group of one instrument.</summary>
    public static DashboardGroup ForInstrument(InstrumentId id) => new(DashboardGroupKind.Instrument, default, id, InstrumentPrefix + id.Symbol);

    /// <summary>Parses a group name (syntax only: whether the strategy or instrument exists is checked by the hub).</summary>
    /// <param name="text">The name sent by the client, e.g. <c>strategy:sma-cross-50-200</c>.</param>
    /// <param name="group">The parsed group.</param>
    /// <param name="error">Why the name is not valid; empty on success.</param>
    public static bool TryParse(string? text, out DashboardGroup group, [NotNullWhen(false)] out string? error)
    {
        group = default;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "The group name is empty; expected 'overview', 'strategy:{id}', 'instrument:{symbol}', 'experiment:{id}' or 'experiments'.";
            return false;
        }

        var s = text.Trim();
        if (string.Equals(s, OverviewName, StringComparison.OrdinalIgnoreCase))
        {
            group = Overview;
            return true;
        }

        if (string.Equals(s, ExperimentListName, StringComparison.OrdinalIgnoreCase))
        {
            group = ExperimentList;
            return true;
        }

        if (s.StartsWith(StrategyPrefix, StringComparison.OrdinalIgnoreCase))
        {
            var key = s[StrategyPrefix.Length..];
            if (!StrategyId.TryParse(key, out var id))
            {
                error = $"Unknown group '{text}': '{key}' is not a valid strategy id.";
                return false;
            }

            group = ForStrategy(id);
            return true;
        }

        if (s.StartsWith(InstrumentPrefix, StringComparison.OrdinalIgnoreCase))
        {
            var key = s[InstrumentPrefix.Length..];
            if (!InstrumentId.TryParse(key, out var id))
            {
                error = $"Unknown group '{text}': '{key}' is not a valid instrument symbol.";
                return false;
            }

            group = ForInstrument(id);
            return true;
        }

        if (s.StartsWith(ExperimentPrefix, StringComparison.OrdinalIgnoreCase))
        {
            var key = s[ExperimentPrefix.Length..];
            if (!GrainInterfaces.Experiments.ExperimentKeys.TryNormalize(key, out var id, out _))
            {
                error = $"Unknown group '{text}': '{key}' is not a valid experiment id.";
                return false;
            }

            group = ForExperiment(id);
            return true;
        }

        error = $"Unknown group '{text}'; expected 'overview', 'strategy:{{id}}', 'instrument:{{symbol}}', 'experiment:{{id}}' or 'experiments'.";
        return false;
    }

    /// <inheritdoc/>
    public override string ToString() => Name ?? string.Empty;
}

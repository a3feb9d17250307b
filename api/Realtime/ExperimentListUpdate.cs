using TradingRobotPlug.GrainInterfaces.Experiments;

namespace TradingRobotPlug.Api.Realtime;

/// <summary>
/// The payload of the <see cref="ExperimentNotifier.ListEvent"/> client event (group <c>experiments</c>): rows of the
/// experiment list, each a whole <see cref="ExperimentSnapshot"/>, ordered by id.
/// </summary>
/// <param name="Complete">True for the join state: <paramref name="Experiments"/> is every experiment the caller may read
/// (a row not in it is gone). False for a push: only the experiments changed since the previous push (latest wins per id).</param>
/// <param name="Experiments">The rows.</param>
public sealed record ExperimentListUpdate(bool Complete, IReadOnlyList<ExperimentSnapshot> Experiments);

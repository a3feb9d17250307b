using System.Collections.Immutable;
using Orleans.Runtime;
using Orleans.Storage;

namespace TradingRobotPlug.Grains.Grains;

/// <summary>
/// The id set of a directory grain (strategies, instruments, experiments), composed by each: canonical ids held in
/// memory and persisted as a whole, with coalesced writes (<see cref="CoalescedStateWriter"/>), so in a
/// <c>[Reentrant]</c> grain the changes that arrive while a write runs go with the next one. A change completes only once
/// it is durable; a call that changes nothing still waits for the change it repeats (or writes again when the last write
/// failed). The persisted state keeps the grain's own class, property and storage name.
/// <para>
/// Single-threaded: use it only from the grain's turns. The set is read from the state on first use (after the
/// activation has loaded it).
/// </para>
/// </summary>
/// <typeparam name="TState">The grain's persisted state class.</typeparam>
internal sealed class PersistedIdSet<TState>
    where TState : class
{
    private readonly IPersistentState<TState> _state;
    private readonly Func<TState, IEnumerable<string>> _stored;
    private readonly Func<HashSet<string>, TState> _snapshot;
    private readonly Action _onConflict;
    private readonly CoalescedStateWriter _writer;
    private HashSet<string>? _ids;

    /// <summary>Creates the set over the grain's persisted state.</summary>
    /// <param name="state">The grain's persisted state.</param>
    /// <param name="stored">The ids held by a stored state.</param>
    /// <param name="snapshot">A new state holding exactly the given ids (a copy the caller no longer changes).</param>
    /// <param name="onConflict">
    /// Called when a write finds the stored row changed by another activation (or by a timed-out write of this one), before
    /// the exception goes to the callers: the grain deactivates (<c>DeactivateOnIdle</c>) to start again from what is stored.
    /// </param>
    public PersistedIdSet(IPersistentState<TState> state, Func<TState, IEnumerable<string>> stored, Func<HashSet<string>, TState> snapshot, Action onConflict)
    {
        _state = state;
        _stored = stored;
        _snapshot = snapshot;
        _onConflict = onConflict;
        _writer = new CoalescedStateWriter(WriteSnapshotAsync);
    }

    private HashSet<string> Ids => _ids ??= new HashSet<string>(_stored(_state.State), StringComparer.Ordinal);

    /// <summary>Adds <paramref name="id"/> (idempotent). Completes when it is durable; faults with the storage's exception when the write fails.</summary>
    public Task AddAsync(string id) => Ids.Add(id) ? _writer.WriteAsync() : _writer.WhenDurableAsync();

    /// <summary>Removes <paramref name="id"/> (idempotent). Completes when the removal is durable; faults with the storage's exception when the write fails.</summary>
    public Task RemoveAsync(string id) => Ids.Remove(id) ? _writer.WriteAsync() : _writer.WhenDurableAsync();

    /// <summary>Every id held (durable or being written), in ordinal order, each mapped by <paramref name="parse"/>.</summary>
    public ImmutableArray<T> List<T>(Func<string, T> parse) => [.. Ids.Order(StringComparer.Ordinal).Select(parse)];

    /// <summary>Writes a copy of the set (later turns change the live set while the storage serializes the copy).</summary>
    private async Task WriteSnapshotAsync()
    {
        _state.State = _snapshot(new HashSet<string>(Ids, StringComparer.Ordinal));
        try
        {
            await _state.WriteStateAsync();
        }
        catch (InconsistentStateException)
        {
            _onConflict();
            throw;
        }
    }
}

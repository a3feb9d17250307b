using System.Collections.Concurrent;
using TradingRobotPlug.Runtime.Activation;

namespace TradingRobotPlug.Runtime.Catalog;

/// <summary>The silo's activations by grain id. At most one live activation per id.</summary>
internal sealed class ActivationDirectory
{
    private readonly ConcurrentDictionary<GrainId, ActivationData> _activations = new();

    public int Count => _activations.Count;

    public IEnumerable<ActivationData> All => _activations.Values;

    public ActivationData GetOrAdd(GrainId id, Func<GrainId, ActivationData> create)
        => _activations.TryGetValue(id, out var existing) ? existing : _activations.GetOrAdd(id, create);

    public bool TryGet(GrainId id, out ActivationData? activation) => _activations.TryGetValue(id, out activation);

    public void Remove(ActivationData activation) => _activations.TryRemove(new KeyValuePair<GrainId, ActivationData>(activation.GrainId, activation));
}

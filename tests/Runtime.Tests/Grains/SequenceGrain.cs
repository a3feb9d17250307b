namespace TradingRobotPlug.Runtime.Tests.Grains;

/// <summary>
/// A non-reentrant grain whose method awaits (a yield and a call to another grain) in the middle: it counts how many
/// calls are inside the method at once and whether each caller's sequence numbers arrive as 0, 1, 2, ...
/// </summary>
public sealed class SequenceGrain : Grain, ISequenceGrain
{
    private readonly Dictionary<int, int> _lastByCaller = [];
    private int _calls;
    private int _inFlight;
    private int _maxInFlight;
    private int _violations;

    public async Task Record(int caller, int sequence)
    {
        _calls++;
        _inFlight++;
        _maxInFlight = Math.Max(_maxInFlight, _inFlight);
        int expected = _lastByCaller.TryGetValue(caller, out int last) ? last + 1 : 0;
        if (sequence != expected)
        {
            _violations++;
        }

        _lastByCaller[caller] = sequence;
        await Task.Yield();
        await GrainFactory.GetGrain<ICounterGrain>($"{GetPrimaryKeyString()}-echo").Ping(sequence);
        _inFlight--;
    }

    public Task<SequenceReport> GetReport() => Task.FromResult(new SequenceReport(_calls, _maxInFlight, _violations));
}

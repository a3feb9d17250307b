namespace TradingRobotPlug.Grains.Indicators;

/// <summary>A fixed-capacity FIFO of doubles; pushing into a full buffer evicts the oldest item. O(1) per push.</summary>
internal sealed class RingBuffer
{
    private readonly double[] _items;
    private int _start;

    /// <summary>Creates an empty buffer.</summary>
    /// <param name="capacity">Number of items kept, ≥ 1.</param>
    public RingBuffer(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _items = new double[capacity];
    }

    /// <summary>Items held, 0..<see cref="Capacity"/>.</summary>
    public int Count { get; private set; }

    /// <summary>Maximum number of items held.</summary>
    public int Capacity => _items.Length;

    /// <summary>True once <see cref="Count"/> equals <see cref="Capacity"/>.</summary>
    public bool IsFull => Count == _items.Length;

    /// <summary>The item at <paramref name="index"/>, 0 being the oldest.</summary>
    public double this[int index] => _items[(_start + index) % _items.Length];

    /// <summary>Appends <paramref name="value"/>; returns true and the evicted oldest item if the buffer was full.</summary>
    public bool Push(double value, out double evicted)
    {
        if (Count < _items.Length)
        {
            _items[(_start + Count) % _items.Length] = value;
            Count++;
            evicted = 0;
            return false;
        }

        evicted = _items[_start];
        _items[_start] = value;
        _start = (_start + 1) % _items.Length;
        return true;
    }
}

using System.Reflection;
using Orleans.Streams;
using TradingRobotPlug.Grains.Grains;

namespace TradingRobotPlug.Grains.Tests.Grains;

/// <summary>
/// A producer facing a full memory-stream queue waits and tries again (the event is delivered, not dropped); any other
/// failure reaches the caller at once.
/// </summary>
public sealed class StreamBackpressureTests
{
    // The text Orleans 10.4.2's memory-stream queue grain throws when full (read from Orleans.Streaming.dll).
    private const string QueueFullMessage = "Can not enqueue since the count has reached its maximum of 16384";

    [Fact]
    public async Task A_refused_event_is_published_again_until_the_queue_takes_it()
    {
        var stream = FakeStream.Create(refusals: 3, new InvalidOperationException(QueueFullMessage));
        await StreamBackpressure.PublishAsync(stream, 42);
        Assert.Equal([42, 42, 42, 42], FakeStream.Calls(stream));
    }

    [Fact]
    public async Task Other_failures_are_not_retried()
    {
        var stream = FakeStream.Create(refusals: 1, new InvalidOperationException("the stream provider is stopping"));
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => StreamBackpressure.PublishAsync(stream, 7));
        Assert.Equal("the stream provider is stopping", ex.Message);
        Assert.Equal([7], FakeStream.Calls(stream));
    }

    [Fact]
    public void The_queue_full_text_is_the_one_Orleans_throws()
    {
        // Guards the match against an Orleans upgrade that rewords the refusal.
        var bytes = File.ReadAllBytes(typeof(IAsyncStream<>).Assembly.Location is var abstractions && File.Exists(Path.Combine(Path.GetDirectoryName(abstractions)!, "Orleans.Streaming.dll"))
            ? Path.Combine(Path.GetDirectoryName(abstractions)!, "Orleans.Streaming.dll")
            : throw new FileNotFoundException("Orleans.Streaming.dll next to the tests"));
        // User strings are stored as UTF-16 in the assembly's #US heap.
        byte[] needle = System.Text.Encoding.Unicode.GetBytes("Can not enqueue since the count has reached its maximum of ");
        Assert.True(bytes.AsSpan().IndexOf(needle) >= 0, "Orleans.Streaming.dll no longer holds the queue-full text StreamBackpressure matches");
    }

    /// <summary>An <see cref="IAsyncStream{T}"/> whose <c>OnNextAsync</c> throws a given exception a number of times, then succeeds.</summary>
    public class FakeStream : DispatchProxy
    {
        private readonly List<int> _calls = [];
        private int _refusals;
        private Exception? _failure;

        public static IAsyncStream<int> Create(int refusals, Exception failure)
        {
            var proxy = Create<IAsyncStream<int>, FakeStream>();
            var fake = (FakeStream)(object)proxy;
            fake._refusals = refusals;
            fake._failure = failure;
            return proxy;
        }

        public static List<int> Calls(IAsyncStream<int> stream) => ((FakeStream)(object)stream)._calls;

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            if (targetMethod?.Name != nameof(IAsyncStream<int>.OnNextAsync))
            {
                throw new NotSupportedException(targetMethod?.Name);
            }

            _calls.Add((int)args![0]!);
            return _refusals-- > 0 ? Task.FromException(_failure!) : Task.CompletedTask;
        }
    }
}

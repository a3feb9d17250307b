using System.Buffers;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.TestHost;

namespace TradingRobotPlug.Api.Tests.Realtime;

/// <summary>
/// A minimal SignalR client speaking the JSON hub protocol (version 1) over one WebSocket, without negotiate (the
/// server accepts a direct WebSocket connection, like the official client's <c>skipNegotiation</c>). Records are JSON
/// texts each ending with the record separator 0x1E. It sends the handshake, invocations (type 1) and pings (type 6),
/// and collects the server's invocations (type 1) as <see cref="HubEvent"/>s and completions (type 3) as the results
/// of <see cref="InvokeAsync"/>. Reusable by benchmarks: connect with <see cref="ConnectAsync(TestServer, string, CancellationToken)"/>
/// or with any <see cref="WebSocket"/> through <see cref="ConnectAsync(WebSocket, Action{HubEvent}, bool, CancellationToken)"/>.
/// </summary>
public sealed class HubTestClient : IAsyncDisposable
{
    /// <summary>The record separator that ends every message.</summary>
    public const byte RecordSeparator = 0x1E;

    private static readonly TimeSpan PingInterval = TimeSpan.FromSeconds(10);
    private readonly WebSocket _socket;
    private readonly CancellationTokenSource _closing = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly Lock _lock = new();
    private readonly List<HubEvent> _events = [];
    private readonly Dictionary<string, TaskCompletionSource<JsonElement?>> _pending = new(StringComparer.Ordinal);
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _receive = Task.CompletedTask;
    private Task _ping = Task.CompletedTask;
    private int _nextId;

    private readonly Action<HubEvent>? _onEvent;
    private readonly bool _keepEvents;
    private int _received;

    private HubTestClient(WebSocket socket, Action<HubEvent>? onEvent, bool keepEvents)
    {
        _socket = socket;
        _onEvent = onEvent;
        _keepEvents = keepEvents;
    }

    /// <summary>Set once the server closed the connection (close message or socket closed); its error, if any.</summary>
    public string? ClosedWith { get; private set; }

    /// <summary>Events received so far (also when they are not kept).</summary>
    public int Count => Volatile.Read(ref _received);

    /// <summary>Connects to <paramref name="path"/> (default the dashboard hub) of a test server and completes the handshake.</summary>
    public static Task<HubTestClient> ConnectAsync(TestServer server, string path = "/hubs/dashboard", CancellationToken cancellationToken = default)
        => ConnectAsync(server, new Dictionary<string, string>(), path, cancellationToken: cancellationToken);

    /// <summary>Connects with request headers (e.g. <c>X-Api-Key</c>) and an optional query (e.g. <c>access_token=…</c>).</summary>
    public static async Task<HubTestClient> ConnectAsync(TestServer server, IReadOnlyDictionary<string, string> headers, string path = "/hubs/dashboard", string? query = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(headers);
        var uri = new UriBuilder(server.BaseAddress) { Scheme = "ws", Path = path, Query = query ?? string.Empty }.Uri;
        var client = server.CreateWebSocketClient();
        client.ConfigureRequest = request =>
        {
            foreach (var (name, value) in headers)
            {
                request.Headers[name] = value;
            }
        };
        var socket = await client.ConnectAsync(uri, cancellationToken);
        return await ConnectAsync(socket, cancellationToken: cancellationToken);
    }

    /// <summary>Completes the handshake on an open WebSocket to a hub (a test server's, or a
    /// <see cref="ClientWebSocket"/> to <c>ws://host/hubs/dashboard</c>) and starts receiving.</summary>
    /// <param name="socket">The open socket; the client owns it from now on.</param>
    /// <param name="onEvent">Called on the receive loop for every event (keep it quick), e.g. to measure latency.</param>
    /// <param name="keepEvents">False to keep no events in memory (many long-running clients); <see cref="Events()"/>
    /// and <see cref="WaitUntilAsync"/> then see none.</param>
    /// <param name="cancellationToken">Cancels the handshake.</param>
    /// <exception cref="InvalidOperationException">The server refused the handshake.</exception>
    public static async Task<HubTestClient> ConnectAsync(WebSocket socket, Action<HubEvent>? onEvent = null, bool keepEvents = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(socket);
        var client = new HubTestClient(socket, onEvent, keepEvents);
        await client.SendRecordAsync("""{"protocol":"json","version":1}""", cancellationToken);
        var buffer = new ArrayBufferWriter<byte>();
        var records = new List<string>();
        while (records.Count == 0)
        {
            if (!await client.ReceiveRecordsAsync(buffer, records, cancellationToken))
            {
                throw new InvalidOperationException("The server closed the connection during the handshake.");
            }
        }

        using (var handshake = JsonDocument.Parse(records[0]))
        {
            if (handshake.RootElement.TryGetProperty("error", out var error))
            {
                throw new InvalidOperationException($"Handshake refused: {error.GetString()}");
            }
        }

        foreach (var record in records.Skip(1))
        {
            client.Dispatch(record);
        }

        client._receive = Task.Run(() => client.ReceiveLoopAsync(buffer));
        client._ping = Task.Run(client.PingLoopAsync);
        return client;
    }

    /// <summary>Calls a hub method and waits for its completion.</summary>
    /// <returns>The result, or null for a method returning nothing.</returns>
    /// <exception cref="HubInvocationException">The server answered with an error.</exception>
    public async Task<JsonElement?> InvokeAsync(string method, params object?[] arguments)
    {
        var id = Interlocked.Increment(ref _nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var completion = new TaskCompletionSource<JsonElement?>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            _pending[id] = completion;
        }

        var json = JsonSerializer.Serialize(new { type = 1, invocationId = id, target = method, arguments });
        await SendRecordAsync(json, _closing.Token);
        return await completion.Task.WaitAsync(TimeSpan.FromSeconds(60));
    }

    /// <summary>A copy of the events received so far, oldest first.</summary>
    public IReadOnlyList<HubEvent> Events()
    {
        lock (_lock)
        {
            return [.. _events];
        }
    }

    /// <summary>The events named <paramref name="target"/> received so far (from index <paramref name="from"/> on).</summary>
    public IReadOnlyList<HubEvent> Events(string target, int from = 0)
    {
        lock (_lock)
        {
            return [.. _events.Skip(from).Where(e => e.Target == target)];
        }
    }

    /// <summary>Waits, without polling, until <paramref name="done"/> holds for the events received so far.</summary>
    /// <exception cref="TimeoutException">It did not hold within <paramref name="timeout"/>; the message lists what arrived.</exception>
    public async Task<IReadOnlyList<HubEvent>> WaitUntilAsync(Func<IReadOnlyList<HubEvent>, bool> done, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(done);
        var deadline = Task.Delay(timeout);
        while (true)
        {
            Task changed;
            IReadOnlyList<HubEvent> events;
            lock (_lock)
            {
                changed = _changed.Task;
                events = [.. _events];
            }

            if (done(events))
            {
                return events;
            }

            if (ClosedWith is not null || await Task.WhenAny(changed, deadline) == deadline)
            {
                var summary = string.Join(", ", events.GroupBy(e => e.Target).Select(g => $"{g.Key}×{g.Count()}"));
                throw new TimeoutException($"Condition not met after {timeout} (closed: {ClosedWith ?? "no"}); received {summary}.");
            }
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _closing.CancelAsync();
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
            }
            catch (Exception ex) when (ex is WebSocketException or TimeoutException or OperationCanceledException)
            {
                ClosedWith ??= "close failed: " + ex.Message;
            }
        }

        await Task.WhenAll(_receive, _ping).WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { }, TaskScheduler.Default);
        _socket.Dispose();
        _closing.Dispose();
        _sendLock.Dispose();
    }

    private async Task SendRecordAsync(string json, CancellationToken cancellationToken)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(json) + 1];
        Encoding.UTF8.GetBytes(json, bytes);
        bytes[^1] = RecordSeparator;
        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            await _socket.SendAsync(bytes, WebSocketMessageType.Text, true, cancellationToken);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Reads one WebSocket message and appends every complete record to <paramref name="records"/>; false when closed.</summary>
    private async Task<bool> ReceiveRecordsAsync(ArrayBufferWriter<byte> buffer, List<string> records, CancellationToken cancellationToken)
    {
        ValueWebSocketReceiveResult result;
        do
        {
            var memory = buffer.GetMemory(8192);
            result = await _socket.ReceiveAsync(memory, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return false;
            }

            buffer.Advance(result.Count);
        }
        while (!result.EndOfMessage);

        var written = buffer.WrittenSpan;
        int start = 0;
        for (int i = 0; i < written.Length; i++)
        {
            if (written[i] == RecordSeparator)
            {
                records.Add(Encoding.UTF8.GetString(written[start..i]));
                start = i + 1;
            }
        }

        var rest = written[start..].ToArray();
        buffer.ResetWrittenCount();
        buffer.Write(rest);
        return true;
    }

    private async Task ReceiveLoopAsync(ArrayBufferWriter<byte> buffer)
    {
        var records = new List<string>();
        try
        {
            while (await ReceiveRecordsAsync(buffer, records, _closing.Token))
            {
                foreach (var record in records)
                {
                    Dispatch(record);
                }

                records.Clear();
            }

            Close("socket closed by the server");
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or IOException)
        {
            Close(_closing.IsCancellationRequested ? "disposed" : ex.Message);
        }
    }

    private async Task PingLoopAsync()
    {
        try
        {
            while (!_closing.IsCancellationRequested)
            {
                await Task.Delay(PingInterval, _closing.Token);
                await SendRecordAsync("""{"type":6}""", _closing.Token);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // The connection is closing; the receive loop records why.
        }
    }

    private void Dispatch(string record)
    {
        using var doc = JsonDocument.Parse(record);
        var root = doc.RootElement;
        switch (root.GetProperty("type").GetInt32())
        {
            case 1:
                var arguments = root.GetProperty("arguments");
                var argument = arguments.GetArrayLength() > 0 ? arguments[0].Clone() : default;
                var e = new HubEvent(root.GetProperty("target").GetString()!, argument, DateTimeOffset.UtcNow, Stopwatch.GetTimestamp(), Interlocked.Increment(ref _received) - 1);
                _onEvent?.Invoke(e);
                lock (_lock)
                {
                    if (_keepEvents)
                    {
                        _events.Add(e);
                    }

                    Signal();
                }

                break;
            case 3:
                var id = root.GetProperty("invocationId").GetString()!;
                TaskCompletionSource<JsonElement?>? completion;
                lock (_lock)
                {
                    _pending.Remove(id, out completion);
                }

                if (root.TryGetProperty("error", out var error))
                {
                    completion?.TrySetException(new HubInvocationException(error.GetString() ?? "error"));
                }
                else
                {
                    completion?.TrySetResult(root.TryGetProperty("result", out var result) ? result.Clone() : null);
                }

                break;
            case 7:
                Close(root.TryGetProperty("error", out var closeError) ? closeError.GetString() ?? "closed" : "closed");
                break;
        }
    }

    private void Close(string reason)
    {
        lock (_lock)
        {
            ClosedWith ??= reason;
            foreach (var pending in _pending.Values)
            {
                pending.TrySetException(new HubInvocationException($"connection closed: {reason}"));
            }

            _pending.Clear();
            Signal();
        }
    }

    private void Signal()
    {
        var changed = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        changed.TrySetResult();
    }
}

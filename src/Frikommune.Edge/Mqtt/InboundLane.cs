using System.Threading.Channels;
using Frikommune.Edge.Hosting;
using Frikommune.Edge.Health;

namespace Frikommune.Edge.Mqtt;

/// <summary>Which inbound traffic shares a queue and a loop. A sensor flood never waits behind staff, nor staff behind it.</summary>
public static class InboundLanes
{
    public const string Default = "commands";
    /// <summary>Handlers on this lane must not block: while the lane is idle they run on MQTTnet's receive path (see <see cref="InboundLane"/>).</summary>
    public const string Sensors = "sensors";
    public const string Staff = "staff";
}

/// <summary>
/// One bounded queue of inbound messages and the one loop that handles them in arrival order. A heartbeat passes
/// through the same queue, so the loop beats <see cref="LoopHealth"/> only while it really gets through its work.
/// </summary>
sealed class InboundLane
{
    readonly Channel<Work> _queue;
    readonly InboundDispatcher _owner;
    readonly TimeProvider _time;
    readonly LoopHealth? _health;
    readonly TimeSpan _beatEvery;
    readonly Task _loop;
    readonly ITimer _tick;

    /// <param name="handOnInline">
    /// For a lane whose handlers never block (the sensors: decode, count, raise): while its loop is idle, a queued
    /// message is handled on the thread that queued it, instead of waking a pool thread for every message of a flood
    /// (one thread hand-over per message cost more CPU than the handling). A backlog is still worked off by the loop.
    /// </param>
    public InboundLane(string name, InboundDispatcher owner, TimeProvider time, LoopHealth? health, int capacity, TimeSpan beatEvery,
        bool handOnInline = false)
    {
        LoopName = $"mqtt-receive-{name}";
        _owner = owner;
        _time = time;
        _health = health;
        _beatEvery = beatEvery;
        _queue = Channel.CreateBounded<Work>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true, FullMode = BoundedChannelFullMode.Wait, AllowSynchronousContinuations = handOnInline,
        });
        _health?.Register(LoopName, beatEvery * 10);
        _loop = Task.Run(RunAsync);
        _tick = time.CreateTimer(_ => _queue.Writer.TryWrite(Work.Tick), null, beatEvery, beatEvery);
    }

    public string LoopName { get; }

    /// <summary>Waits while the lane is full; after a stop the message is let go.</summary>
    public async ValueTask QueueAsync(InboundMessage message, InboundDispatcher.Subscription[] matching)
    {
        var work = new Work(message, matching);
        while (await _queue.Writer.WaitToWriteAsync().ConfigureAwait(false))
            if (_queue.Writer.TryWrite(work)) return;
    }

    async Task RunAsync()
    {
        var lastBeat = _time.GetTimestamp();
        await foreach (var work in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            if (work.Message is not null) await _owner.HandleAsync(work.Message, work.Matching).ConfigureAwait(false);
            // Beat at most once per period: under a flood the ticks may not find room, the messages themselves prove progress.
            if (_time.GetElapsedTime(lastBeat) >= _beatEvery / 2 || work.Message is null)
            {
                lastBeat = _time.GetTimestamp();
                _health?.Beat(LoopName);
            }
        }
    }

    public async Task CompleteAsync()
    {
        _tick.Dispose();
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        _health?.Unregister(LoopName);
    }

    readonly record struct Work(InboundMessage? Message, InboundDispatcher.Subscription[] Matching)
    {
        public static readonly Work Tick = new(null, []);
    }
}

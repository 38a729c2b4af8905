using System.Collections.Concurrent;
using System.Threading.Channels;
using Frikommune.Edge.Alarms;
using Frikommune.Edge.Doors;
using Microsoft.Extensions.Hosting;
using Frikommune.Edge.Gpio;
using Frikommune.Edge.Storage;

namespace Frikommune.Edge.Web.Page;

/// <summary>
/// Tells each open page what changed: <c>alarms</c> on every alarm change, <c>doors</c> on every door
/// event, <c>tick</c> every two seconds (for who is watching a camera, and to keep the connection alive).
/// Only the name travels; the page's stream then sends the current picture, so a lost signal costs nothing.
/// </summary>
public sealed class PageEvents(SqliteAlarmOutbox outbox, DoorFleet doors, TimeProvider time, Notify.DeliveryBook? deliveries = null) : IHostedService, IDoorObserver, IAlarmObserver, Notify.IDeliveryObserver
{
    public const string Alarms = "alarms", Doors = "doors", Tick = "tick";
    static readonly TimeSpan TickEvery = TimeSpan.FromSeconds(2);

    readonly ConcurrentDictionary<Channel<string>, byte> _pages = new();
    readonly List<IDisposable> _subscriptions = [];
    ITimer? _tick;

    public Subscription Subscribe()
    {
        // Called under the desk's and the doors' locks: a full page channel drops the oldest name, never blocks.
        var channel = Channel.CreateBounded<string>(new BoundedChannelOptions(32) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        _pages[channel] = 0;
        return new Subscription(channel.Reader, () => _pages.TryRemove(channel, out _));
    }

    public int Listening => _pages.Count;

    void Signal(string name)
    {
        foreach (var page in _pages.Keys) page.Writer.TryWrite(name);
    }

    void OnAlarmChange() => Signal(Alarms);

    public void OnDurable(AlarmChange change) => OnAlarmChange();

    public void OnDeliveriesChanged() => OnAlarmChange();

    public void OnDoorEvent(DoorEvent e) => Signal(Doors);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscriptions.Add(outbox.Subscribe(this));
        if (deliveries is not null) _subscriptions.Add(deliveries.Subscribe(this));
        foreach (var door in doors.Doors) _subscriptions.Add(door.Subscribe(this));
        _tick = time.CreateTimer(_ => Signal(Tick), null, TickEvery, TickEvery);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var s in _subscriptions) s.Dispose();
        _subscriptions.Clear();
        _tick?.Dispose();
        foreach (var page in _pages.Keys) page.Writer.TryComplete();
        return Task.CompletedTask;
    }

    public sealed class Subscription(ChannelReader<string> reader, Action leave) : IDisposable
    {
        public ChannelReader<string> Reader { get; } = reader;
        public void Dispose() => leave();
    }
}

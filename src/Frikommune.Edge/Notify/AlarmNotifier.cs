using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Frikommune.Edge.Alarms;
using Frikommune.Edge.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Frikommune.Edge.Notify;

/// <summary>
/// Takes alarm changes off the desk's thread and hands them to the <see cref="DeliveryDispatcher"/>; each change
/// is dispatched without waiting for the previous one, so a slow line never holds back another alarm.
/// Also turns a receiver's line going down or up into a technical alarm raised or resolved.
/// </summary>
public sealed class AlarmNotifier(DeliveryDispatcher dispatcher, IPager pager, GatewayMetrics metrics, ILogger<AlarmNotifier> log)
    : BackgroundService, IAlarmObserver, IPagerHealthObserver
{
    public const string UpMetric = "frikommune_paging_receiver_up";
    readonly Channel<AlarmChange> _changes = Channel.CreateUnbounded<AlarmChange>(new() { SingleReader = true });

    /// <summary>Every alarm change once it is durable, on the journal's writer thread: only queue, never block.</summary>
    public void OnDurable(AlarmChange change) => _changes.Writer.TryWrite(change);

    /// <summary>From the paging lines: a receiver's path went down (or came back).</summary>
    public void OnHealthChanged(string receiverId, bool up)
    {
        if (dispatcher.Receivers.FirstOrDefault(r => r.Id == receiverId) is { } receiver) OnHealthChanged(receiver, up);
    }

    void OnHealthChanged(Receiver receiver, bool up)
    {
        // Off the line's own loop: raising an alarm writes to disk.
        _ = Task.Run(() =>
        {
            try
            {
                if (up) dispatcher.ClearTechnical(receiver);
                else dispatcher.RaiseTechnical(receiver);
            }
            catch (Exception e) { log.LogError(e, "Could not record the state of receiver {Receiver}", receiver.Id); }
        });
    }

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        metrics.Gauge(UpMetric, "1 while the receiver's paging line answers, 0 when it is down", () => dispatcher.Receivers
            .Select(r => new Measurement<long>(pager.Health(r).Up ? 1 : 0, GatewayMetrics.Tag("receiver", r.Id))));
        try
        {
            await foreach (var change in _changes.Reader.ReadAllAsync(stopping)) _ = DispatchAsync(change);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested) { }
    }

    async Task DispatchAsync(AlarmChange change)
    {
        try { await dispatcher.DispatchAsync(change); }
        catch (Exception e) { log.LogError(e, "Calling out alarm {Alarm} failed", change.Alarm.Id); }
    }
}

using Frikommune.Edge.Alarms;
using Frikommune.Edge.Audit;
using Frikommune.Edge.Metrics;
using Microsoft.Extensions.Logging;

namespace Frikommune.Edge.Notify;

/// <summary>
/// Calls an alarm out to its receivers and tracks each delivery: sent → confirmed, or failed. A failed receiver
/// raises a <c>technical</c> alarm and the next level is called at once, without waiting for the ack timeout.
/// Every attempt and outcome goes to the audit trail.
/// </summary>
public sealed class DeliveryDispatcher(IReadOnlyList<Receiver> receivers, IPager pager, DeliveryBook book, Func<Alarm, string> text,
    AlarmDesk desk, IAuditTrail audit, GatewayMetrics metrics, ILogger log)
{
    public const string DeliveriesMetric = "frikommune_paging_deliveries_total";
    readonly Lock _gate = new();
    readonly HashSet<(string Alarm, int Escalation, int Level)> _failedOver = [];

    public IReadOnlyList<Receiver> Receivers => receivers;

    /// <summary>A new alarm is called at level 0; each escalation at its level. Acknowledged and resolved alarms are not called.</summary>
    public Task DispatchAsync(AlarmChange change) =>
        change.Change is AlarmChangeKind.Raised or AlarmChangeKind.Escalated && change.Alarm.State == AlarmState.Raised
            ? CallLevelAsync(change.Alarm, change.Alarm.Escalation)
            : Task.CompletedTask;

    Task CallLevelAsync(Alarm alarm, int level) => Task.WhenAll(Routing.For(alarm, level, receivers).Select(r => DeliverAsync(alarm, r)));

    async Task DeliverAsync(Alarm alarm, Receiver receiver)
    {
        var sentAudit = Task.CompletedTask;
        PageResult result;
        try
        {
            result = await pager.PageAsync(receiver, new PageCall(alarm.Id, text(alarm), alarm.Priority, alarm.Escalation), () =>
            {
                book.Set(alarm.Id, receiver.Id, DeliveryState.Sent);
                sentAudit = audit.AppendAsync(Entry("paging-call-sent", alarm, receiver, null));
            });
        }
        catch (Exception e)
        {
            result = new PageResult(false, e.Message);
        }
        await sentAudit;
        var state = result.Confirmed ? DeliveryState.Confirmed : DeliveryState.Failed;
        book.Set(alarm.Id, receiver.Id, state);
        metrics.Counter(DeliveriesMetric, "Calls to receivers by outcome (confirmed, failed)")
            .Add(1, GatewayMetrics.Tag("receiver", receiver.Id), GatewayMetrics.Tag("outcome", DeliveryBook.Name(state)));
        await audit.AppendAsync(Entry(result.Confirmed ? "paging-call-confirmed" : "paging-call-failed", alarm, receiver, result.Error));
        if (result.Confirmed) return;

        log.LogWarning("Call for alarm {Alarm} to receiver {Receiver} failed: {Problem}", alarm.Id, receiver.Id, result.Error);
        RaiseTechnical(receiver);
        if (Routing.NextLevel(alarm, receiver.Route.Level, receivers) is { } next && FirstFailover(alarm, next))
            await CallLevelAsync(alarm, next);
    }

    /// <summary>The path to a receiver failed: staff must know that calls may not reach that handset (DIN VDE 0834 supervision).</summary>
    public void RaiseTechnical(Receiver receiver) => desk.Raise(AlarmKind.Technical, Subject(receiver));

    public void ClearTechnical(Receiver receiver) => desk.ResolveOpen(AlarmKind.Technical, Subject(receiver), AuditEntry.Gateway);

    static AlarmSubject Subject(Receiver receiver) => AlarmSubject.Technical($"paging:{receiver.Id}");

    bool FirstFailover(Alarm alarm, int level)
    {
        lock (_gate)
        {
            if (_failedOver.Count > 10_000) _failedOver.Clear();
            return _failedOver.Add((alarm.Id, alarm.Escalation, level));
        }
    }

    static AuditEntry Entry(string kind, Alarm alarm, Receiver receiver, string? error) => new(kind)
    {
        Refs = new AuditRefs(Door: alarm.Door, Room: alarm.Room, Alarm: alarm.Id),
        Details = new Dictionary<string, string?>
        {
            ["receiver"] = receiver.Id, ["kind"] = receiver.Kind, ["callAddress"] = receiver.CallAddress,
            ["level"] = receiver.Route.Level.ToString(), ["escalation"] = alarm.Escalation.ToString(), ["error"] = error,
        },
    };
}

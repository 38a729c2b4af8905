using Frikommune.Edge.Configuration;

namespace Frikommune.Edge.Alarms;

/// <summary>
/// The staff's alarm desk: raises, acknowledges, resolves and escalates alarms, one per open condition.
/// Every change goes to the <see cref="IAlarmOutbox"/> before the desk's own state moves on, so a failing
/// outbox leaves the desk as it was.
/// </summary>
public sealed class AlarmDesk : IDisposable
{
    static readonly TimeSpan KeepResolved = TimeSpan.FromHours(1);

    readonly string site;
    readonly TimeSpan ackTimeout;
    readonly IAlarmOutbox outbox;
    readonly TimeProvider time;
    readonly Func<DateTimeOffset, string> newId;
    readonly Lock gate = new();
    readonly Dictionary<string, Alarm> open = new(StringComparer.Ordinal);
    readonly Dictionary<(AlarmKind, AlarmSubject), string> openByCondition = new();
    readonly Dictionary<string, ITimer> escalations = new(StringComparer.Ordinal);
    readonly LinkedList<Alarm> resolved = new();

    public AlarmDesk(string site, AlarmsOptions options, IAlarmOutbox outbox, TimeProvider time,
        Func<DateTimeOffset, string>? newId = null)
    {
        this.site = site;
        ackTimeout = TimeSpan.FromSeconds(options.AckTimeoutSeconds);
        this.outbox = outbox;
        this.time = time;
        this.newId = newId ?? AlarmIds.New;
    }

    /// <summary>
    /// Raises an alarm, or returns the one already open for the same kind and subject: the one dedupe of
    /// alarms. Its priority comes from the one table, <see cref="AlarmNames.Priority"/>. A call for help
    /// (<see cref="AlarmNames.IsCall"/>) that staff have acknowledged was answered: the next call is a new alarm,
    /// even while the answered one waits to be resolved, or staff would never hear the door again.
    /// </summary>
    public RaiseOutcome Raise(AlarmKind kind, AlarmSubject subject)
    {
        lock (gate)
        {
            if (openByCondition.TryGetValue((kind, subject), out var existing)
                && !(kind.IsCall() && open[existing].State == AlarmState.Acknowledged))
                return new(open[existing], false);
            var now = time.GetUtcNow();
            var alarm = new Alarm(newId(now), kind, kind.Priority(subject), site, subject.Door, subject.Room,
                now, AlarmState.Raised, null, 0) { Source = subject.Source };
            outbox.Enqueue(new AlarmChange(AlarmChangeKind.Raised, alarm, now));
            Track(alarm);
            return new(alarm, true);
        }
    }

    public AlarmActionOutcome Acknowledge(string alarmId, string staff) => Act(alarmId, staff, acknowledge: true);

    public AlarmActionOutcome Resolve(string alarmId, string staff) => Act(alarmId, staff, acknowledge: false);

    /// <summary>Resolves the open alarm for a condition that has cleared by itself, e.g. a door closed again.</summary>
    public AlarmActionOutcome ResolveOpen(AlarmKind kind, AlarmSubject subject, string by)
    {
        lock (gate)
            return openByCondition.TryGetValue((kind, subject), out var id)
                ? Act(id, by, acknowledge: false)
                : new(AlarmActionResult.NotFound, null);
    }

    public Alarm? Find(string alarmId)
    {
        lock (gate)
            return open.GetValueOrDefault(alarmId) ?? resolved.FirstOrDefault(a => a.Id == alarmId);
    }

    /// <summary>Alarms not resolved, oldest first (<c>GET /api/alarms</c>).</summary>
    public IReadOnlyList<Alarm> Open()
    {
        lock (gate) return open.Values.OrderBy(a => a.RaisedAt).ThenBy(a => a.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>Open alarms and those raised within <paramref name="window"/> (up to an hour back), for the check-in gate.</summary>
    public IReadOnlyList<Alarm> Recent(TimeSpan window)
    {
        var since = time.GetUtcNow() - window;
        lock (gate) return open.Values.Concat(resolved.Where(a => a.RaisedAt >= since)).ToList();
    }

    /// <summary>After a restart: takes back the open alarms from storage; unacknowledged ones escalate again.</summary>
    public void Restore(IEnumerable<Alarm> alarms)
    {
        lock (gate)
            foreach (var alarm in alarms.Where(a => a.IsOpen && !open.ContainsKey(a.Id)).OrderBy(a => a.RaisedAt)) // the newest holds its condition
                Track(alarm);
    }

    AlarmActionOutcome Act(string alarmId, string staff, bool acknowledge)
    {
        if (!Decisions.References.IsSafe(staff)) return new(AlarmActionResult.InvalidStaff, null);
        lock (gate)
        {
            if (!open.TryGetValue(alarmId, out var alarm))
            {
                var done = resolved.FirstOrDefault(a => a.Id == alarmId);
                return new(done is null ? AlarmActionResult.NotFound : AlarmActionResult.AlreadyResolved, done);
            }
            if (acknowledge && alarm.State == AlarmState.Acknowledged) return new(AlarmActionResult.AlreadyAcknowledged, alarm);
            var now = time.GetUtcNow();
            var changed = acknowledge
                ? alarm with { State = AlarmState.Acknowledged, AckedBy = staff, AckedAt = now }
                : alarm with { State = AlarmState.Resolved, ResolvedBy = staff, ResolvedAt = now };
            outbox.Enqueue(new AlarmChange(acknowledge ? AlarmChangeKind.Acknowledged : AlarmChangeKind.Resolved, changed, now, staff));
            StopEscalating(alarmId);
            if (acknowledge) open[alarmId] = changed;
            else Forget(changed, now);
            return new(AlarmActionResult.Done, changed);
        }
    }

    void Track(Alarm alarm)
    {
        open[alarm.Id] = alarm;
        openByCondition[(alarm.Kind, alarm.Subject)] = alarm.Id;
        if (alarm.State == AlarmState.Raised)
            escalations[alarm.Id] = time.CreateTimer(Escalate, alarm.Id, ackTimeout, ackTimeout);
    }

    void Forget(Alarm alarm, DateTimeOffset now)
    {
        open.Remove(alarm.Id);
        // An answered call may be resolved after a newer call for the same door took over the condition.
        if (openByCondition.GetValueOrDefault((alarm.Kind, alarm.Subject)) == alarm.Id) openByCondition.Remove((alarm.Kind, alarm.Subject));
        resolved.AddLast(alarm);
        while (resolved.First is { } oldest && (oldest.Value.RaisedAt < now - KeepResolved || resolved.Count > 1000))
            resolved.RemoveFirst();
    }

    void Escalate(object? state)
    {
        var id = (string)state!;
        lock (gate)
        {
            if (!open.TryGetValue(id, out var alarm) || alarm.State != AlarmState.Raised) return;
            var escalated = alarm with { Escalation = alarm.Escalation + 1 };
            try
            {
                outbox.Enqueue(new AlarmChange(AlarmChangeKind.Escalated, escalated, time.GetUtcNow()));
            }
            catch (Exception)
            {
                // The outbox adapter reports its own failures; this escalation is tried again next period.
                return;
            }
            open[id] = escalated;
        }
    }

    void StopEscalating(string alarmId)
    {
        if (escalations.Remove(alarmId, out var timer)) timer.Dispose();
    }

    public void Dispose()
    {
        lock (gate)
        {
            foreach (var timer in escalations.Values) timer.Dispose();
            escalations.Clear();
        }
    }
}

using System.Text.Json;
using System.Threading.Channels;
using Frikommune.Edge.Clock;
using Frikommune.Edge.Alarms;
using Frikommune.Edge.Audit;
using Frikommune.Edge.Upstream;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Frikommune.Edge.Health;

namespace Frikommune.Edge.Doors;

/// <summary>
/// Takes door events off the door's lock (observers must not block) and records them: the audit trail, the
/// alarm desk and the retained <c>P/doors/&lt;id&gt;/state</c>. The door itself never waits for any of this.
/// </summary>
public sealed class DoorEventPump(IAuditTrail audit, AlarmDesk desk, IUpstream upstream, ILogger<DoorEventPump> log,
    TimeProvider? time = null, Health.LoopHealth? health = null)
    : BackgroundService, IDoorObserver, IUpstreamObserver
{
    public const string LoopName = "door-events";
    public const string AlarmPathSource = "door-alarm-path";
    /// <summary>A decision whose basis does not allow the door's kind (§ 14b: unit doors only).</summary>
    public const string DoorKindSource = "door-kind";
    static readonly TimeSpan BeatEvery = TimeSpan.FromSeconds(1);
    readonly TimeProvider _time = time ?? TimeProvider.System;
    readonly Channel<DoorEvent> _events = Channel.CreateUnbounded<DoorEvent>(new UnboundedChannelOptions { SingleReader = true });
    readonly Dictionary<string, DoorState> _latest = [];

    public void OnDoorEvent(DoorEvent e)
    {
        if (e is DoorStateChanged s) lock (_latest) _latest[s.DoorId] = s.State;
        _events.Writer.TryWrite(e);
    }

    public IReadOnlyDictionary<string, DoorState> Latest()
    {
        lock (_latest) return new Dictionary<string, DoorState>(_latest);
    }

    /// <summary>A door problem staff must know about; delivered through the alarm outbox, so also once the broker is back.</summary>
    public void RaiseTechnical(string doorId, string source, string problem) =>
        _events.Writer.TryWrite(new TechnicalProblem(doorId, _time.GetUtcNow(), source, problem));

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        using var watch = upstream.Subscribe(this);
        health?.Register(LoopName, BeatEvery * 10);
        // The beat travels the same queue as the events: a pump stuck on one event stops beating.
        using var tick = _time.CreateTimer(_ => _events.Writer.TryWrite(Heartbeat.Instance), null, BeatEvery, BeatEvery);
        try
        {
            await foreach (var e in _events.Reader.ReadAllAsync(stopping))
            {
                if (e is Heartbeat) { health?.Beat(LoopName); continue; }
                try { await HandleAsync(e, stopping); }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    log.LogError(ex, "Could not record door event {Event} of {Door}", e.GetType().Name, e.DoorId);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested) { }
        finally
        {
            health?.Unregister(LoopName);
        }
    }

    async Task HandleAsync(DoorEvent e, CancellationToken stopping)
    {
        switch (e)
        {
            case DoorStateChanged s:
                // Not awaited: an alarm right behind a state change must not wait for the broker's acknowledgement.
                _ = PublishStateAsync(s.DoorId, s.State, stopping);
                break;
            case DoorModeChanged m:
                await audit.AppendAsync(new AuditEntry("door-mode-changed")
                {
                    Refs = new AuditRefs(Door: m.DoorId, Decision: m.DecisionIds.Count > 0 ? string.Join(',', m.DecisionIds) : null),
                    Details = new Dictionary<string, string?> { ["from"] = m.From?.ToContractName(), ["to"] = m.To.ToContractName(), ["reason"] = m.Reason },
                }, stopping);
                break;
            case DoorReleased r:
                await audit.AppendAsync(new AuditEntry("door-released", r.Cause.StartsWith("staff:") ? r.Cause : AuditEntry.Gateway)
                {
                    Refs = new AuditRefs(Door: r.DoorId),
                    Details = new Dictionary<string, string?> { ["cause"] = r.Cause, ["seconds"] = r.Duration?.TotalSeconds.ToString("0.###") },
                }, stopping);
                break;
            case DelayedEgressStarted d:
                await audit.AppendAsync(new AuditEntry("door-delayed-egress-started")
                {
                    Refs = new AuditRefs(Door: d.DoorId),
                    Details = new Dictionary<string, string?> { ["releasesAt"] = IsoTime.Format(d.ReleasesAt) },
                }, stopping);
                break;
            case DoorAlarmRaised a:
                desk.Raise(a.Kind, a.Subject); // the desk audits the alarm itself
                break;
            case TechnicalProblem t:
                log.LogWarning("Door {Door}: {Problem}", t.DoorId, t.Problem);
                desk.Raise(AlarmKind.Technical, new AlarmSubject(Door: t.DoorId, Source: t.Source));
                break;
        }
    }

    void IUpstreamObserver.OnConnectionChanged() => RepublishStates();

    void RepublishStates()
    {
        if (!upstream.IsConnected) return;
        foreach (var (door, state) in Latest()) _events.Writer.TryWrite(new DoorStateChanged(door, state.Since, state));
    }

    async Task PublishStateAsync(string doorId, DoorState state, CancellationToken stopping)
    {
        if (!upstream.IsConnected) return; // republished on reconnect
        try { await upstream.PublishAsync(upstream.Topic($"doors/{doorId}/state"), StateJson(state), retain: true, stopping); }
        catch (Exception e) when (e is not OperationCanceledException) { log.LogWarning("Door state of {Door} not published: {Problem}", doorId, e.Message); }
    }

    public static byte[] StateJson(DoorState s) => JsonSerializer.SerializeToUtf8Bytes(View(s), Wire.WireJson.Compact.DoorView);

    /// <summary>The door's state in the contract's words; the callers add the id, name or kind they show.</summary>
    public static Wire.DoorView View(DoorState s, string? id = null, string? name = null, string? kind = null) =>
        new(id, name, kind, s.Mode.ToContractName(), s.Locked, s.Open, s.Since);

    sealed record TechnicalProblem(string DoorId, DateTimeOffset At, string Source, string Problem) : DoorEvent(DoorId, At);

    sealed record Heartbeat() : DoorEvent("", default)
    {
        public static readonly Heartbeat Instance = new();
    }
}

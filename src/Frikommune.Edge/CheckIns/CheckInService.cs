using System.Collections.Concurrent;
using System.Text.Json;
using Frikommune.Edge.Audit;
using Frikommune.Edge.Clock;
using Frikommune.Edge.Decisions;
using Frikommune.Edge.Objections;
using Frikommune.Edge.Upstream;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Frikommune.Edge.CheckIns;

/// <summary>What a requester gets back: a grant with its one-time stream path, or a refusal code.</summary>
public sealed record CheckInAnswer(CheckInOutcome Outcome, string? StreamPath)
{
    public CheckInGrant? Grant => Outcome as CheckInGrant;
    public string? Refusal => (Outcome as CheckInRefusal)?.Code;
}

/// <summary>
/// Runs the check-in gate for HTTP and MQTT: grants carry a one-time stream token, the room's indicator is on
/// while a session is open, every request, opening and closing is audited and announced on
/// <c>P/checkins/&lt;id&gt;</c>. Sessions end at their time, and at once when a decision, an objection or the
/// clock's trust changes, or the gateway stops.
/// </summary>
public sealed class CheckInService(CheckInGate gate, CheckInLedger ledger, CheckInViewers viewers, ICameraIndicators indicators,
    DecisionTimeline timeline, ObjectionBook objections, IClockTrust clock, IAuditTrail audit, IUpstream upstream,
    TimeProvider time, ILogger<CheckInService> log) : IHostedService, ICheckInSessions, IDecisionTimelineObserver, IObjectionObserver, IClockTrustObserver
{
    IDisposable? _decisionsWatch, _objectionsWatch, _clockWatch;

    readonly ConcurrentDictionary<string, Live> _live = new();

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        indicators.Start();
        foreach (var crashed in ledger.ClosedOnLoad) await AuditClosedAsync(crashed, "crash");
        gate.Ended += OnEnded;
        _decisionsWatch = timeline.Subscribe(this);
        _objectionsWatch = objections.Subscribe(this);
        _clockWatch = clock.Subscribe(this);
    }

    public void OnObjectionChanged(string resident) => Review();

    public void OnClockTrustChanged() => Review();

    public void OnDecisionsChanged() => Review();

    void Review()
    {
        try { gate.Review(); }
        catch (Exception e) { log.LogError(e, "Check-in review failed; ending every session to be safe"); gate.EndAll(CheckInEndReason.ClockUntrusted); }
    }

    /// <summary>Throws <see cref="ArgumentException"/>, before anything is judged or audited, for a request out of <see cref="CheckInRequestLimits"/>.</summary>
    /// <param name="holder">Who may open the stream (CONTRACT § 5); by default the logged-in user <paramref name="staff"/>.</param>
    public async Task<CheckInAnswer> RequestAsync(string room, string staff, string reason, string via, StreamHolder? holder = null)
    {
        if (CheckInRequestLimits.Problem(room, staff, reason) is { } invalid) throw new ArgumentException(invalid);
        var outcome = gate.Request(new CheckInRequest(room, staff, reason));
        string? path = null;
        if (outcome is CheckInGrant grant)
        {
            var token = StreamToken.New();
            var live = new Live(grant, StreamToken.Hash(token), new CancellationTokenSource()) { Holder = holder ?? new StreamHolder.User(staff) };
            _live[grant.SessionId] = live;
            live.ExpiryTimer = time.CreateTimer(_ => Review(), null, grant.Duration, Timeout.InfiniteTimeSpan);
            indicators.Set(room, true);
            path = $"/checkins/{grant.SessionId}/stream?token={token}";
        }
        await audit.AppendAsync(new AuditEntry("checkin-requested", $"staff:{staff}")
        {
            Refs = new AuditRefs(Room: room, Session: (outcome as CheckInGrant)?.SessionId, Decision: (outcome as CheckInGrant)?.DecisionId),
            Details = new Dictionary<string, string?>
            {
                ["outcome"] = outcome.Granted ? "granted" : "refused", ["refusal"] = (outcome as CheckInRefusal)?.Code,
                ["decisions"] = outcome is CheckInRefusal { DecisionIds.Count: > 0 } weighed ? string.Join(',', weighed.DecisionIds) : null,
                ["reason"] = reason, ["via"] = via,
                ["expiresAt"] = (outcome as CheckInGrant) is { } g ? IsoTime.Format(g.ExpiresAt) : null,
            },
        });
        // Announced without waiting for the broker: the requester has the grant as soon as it is durable and audited.
        if (outcome is CheckInGrant opened) _ = AnnounceAsync(opened.SessionId, "open", room, staff, opened.StartedAt, null, null);
        return new CheckInAnswer(outcome, path);
    }

    public StreamGrant? Find(string sessionId)
    {
        if (!_live.TryGetValue(sessionId, out var live)) return null;
        var session = gate.Find(sessionId);
        return new StreamGrant(sessionId, live.Grant.Room, live.TokenHash, live.Grant.ExpiresAt, session?.IsOpen == true, live.Ended.Token)
        {
            Holder = live.Holder,
        };
    }

    public void Viewed(string sessionId, double viewedSeconds, StreamEndCause cause)
    {
        if (_live.TryGetValue(sessionId, out var live)) live.Viewed(viewedSeconds); // before the end is announced
        if (cause == StreamEndCause.Expired) gate.Review();
        gate.End(sessionId, cause == StreamEndCause.Expired ? CheckInEndReason.TimeUp : CheckInEndReason.ViewerClosed, viewedSeconds);
        if (cause == StreamEndCause.CameraFailed) log.LogWarning("Camera of a check-in session failed (session {Session})", sessionId);
        if (gate.Find(sessionId) is { IsOpen: false } ended) _ = CloseAsync(ended);
    }

    void OnEnded(CheckInSession session)
    {
        if (!_live.TryGetValue(session.SessionId, out var live)) return;
        indicators.Set(session.Room, false);
        live.ExpiryTimer?.Dispose();
        live.Ended.Cancel(); // closes the stream at once
        // A stream still sending reports its viewed seconds when it has closed; announce then.
        if (!viewers.IsViewing(session.Room) || live.ViewedSeconds is not null) _ = CloseAsync(session);
    }

    async Task CloseAsync(CheckInSession session)
    {
        if (!_live.TryRemove(session.SessionId, out var live)) return;
        var seconds = live.ViewedSeconds ?? session.ViewedSeconds ?? 0;
        try
        {
            await AuditClosedAsync(session with { ViewedSeconds = seconds }, session.EndReason?.Code() ?? "time-up");
            await AnnounceAsync(session.SessionId, "closed", session.Room, session.Staff, session.StartedAt, session.EndedAt ?? time.GetUtcNow(), seconds);
        }
        catch (Exception e) { log.LogError(e, "Could not record the end of check-in {Session}", session.SessionId); }
    }

    Task AuditClosedAsync(CheckInSession s, string reason) => audit.AppendAsync(new AuditEntry("checkin-closed")
    {
        Refs = new AuditRefs(Room: s.Room, Session: s.SessionId, Decision: s.DecisionId),
        Details = new Dictionary<string, string?>
        {
            ["reason"] = reason, ["staff"] = s.Staff, ["openedAt"] = IsoTime.Format(s.StartedAt),
            ["closedAt"] = s.EndedAt is { } e ? IsoTime.Format(e) : null, ["viewedSeconds"] = (s.ViewedSeconds ?? 0).ToString("0.###"),
        },
    });

    async Task AnnounceAsync(string id, string state, string room, string staff, DateTimeOffset openedAt, DateTimeOffset? closedAt, double? viewed)
    {
        if (!upstream.IsConnected) return;
        var payload = JsonSerializer.SerializeToUtf8Bytes(
            new Wire.CheckInSessionEvent(state, room, staff, openedAt, closedAt, viewed is { } v ? Math.Round(v, 3) : null),
            Wire.WireJson.Compact.CheckInSessionEvent);
        try { await upstream.PublishAsync(upstream.Topic($"checkins/{id}"), payload, retain: false); }
        catch (Exception e) { log.LogWarning("Check-in {Session} {State} not announced: {Problem}", id, state, e.Message); }
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _decisionsWatch?.Dispose();
        _objectionsWatch?.Dispose();
        _clockWatch?.Dispose();
        gate.EndAll(CheckInEndReason.GatewayStopped);
        indicators.Dispose();
        return Task.CompletedTask;
    }

    sealed class Live(CheckInGrant grant, byte[] tokenHash, CancellationTokenSource ended)
    {
        public CheckInGrant Grant { get; } = grant;
        public byte[] TokenHash { get; } = tokenHash;
        public CancellationTokenSource Ended { get; } = ended;
        public ITimer? ExpiryTimer { get; set; }
        public required StreamHolder Holder { get; init; }
        public double? ViewedSeconds { get; private set; }
        public void Viewed(double seconds) => ViewedSeconds = seconds;
    }
}

using Frikommune.Edge.CheckIns;
using Frikommune.Edge.Configuration;
using Frikommune.Edge.Decisions;

namespace Frikommune.Edge.Tests.CheckIns;

/// <summary>
/// Drives a gate through a generated history as the lead's wiring would (review after every decision, objection
/// and clock-trust change) and checks every grant against the law, not against the gate's own arithmetic:
/// no session without a valid policy; none longer than the cap; none overlapping another; each one at least the
/// minimum gap after every earlier one; at most the quota in any 24 h — by the wall clock over the whole history,
/// and by real (monotonic) time within each run of the process.
/// </summary>
sealed class CheckInSimulation
{
    public static readonly CheckInsOptions Law = new() { MaxSecondsCap = 60, MinGapSecondsFloor = 300, TriggerWindowSeconds = 300 };
    static readonly string[] Rooms = ["room-1", "room-2"];
    static readonly TimeSpan Day = TimeSpan.FromHours(24);
    static readonly TimeSpan MaxOffset = TimeSpan.FromHours(12);

    sealed class Look(CheckInSession s, int run, DateTimeOffset realStart, int gap)
    {
        public CheckInSession Session = s;
        public readonly int Run = run, Gap = gap;
        public readonly DateTimeOffset RealStart = realStart;
        public DateTimeOffset? WallEnd, RealEnd;
        public TimeSpan Planned => Session.ExpiresAt - Session.StartedAt;
    }

    readonly CheckInsOptions _gateSite;
    readonly ICheckInStore _store;
    readonly SteppableClock _clock;
    readonly FakeRoomFacts _facts = new();
    readonly List<Look> _looks = [];
    readonly List<string> _trace = [];
    CheckInGate _gate = null!;
    int _run, _decisions, _ids;

    public CheckInSimulation(CheckInsOptions? gateSite = null, ICheckInStore? store = null, bool monotonicFollowsWall = false)
    {
        _gateSite = gateSite ?? Law;
        _store = store ?? new MemoryCheckInStore();
        _clock = new SteppableClock(GateFixture.Start) { MonotonicFollowsWall = monotonicFollowsWall };
        foreach (var room in Rooms)
            _facts[room].Policies.Add(Policies.Make($"d-{++_decisions}", 30, 600, 6, CheckInTriggers.StaffRequest));
        Start();
    }

    public int Grants => _looks.Count;

    public void Run(IEnumerable<SimOp> ops)
    {
        foreach (var op in ops)
        {
            _trace.Add(op.ToString());
            Apply(op);
        }
        _gate.EndAll(CheckInEndReason.GatewayStopped);
    }

    void Apply(SimOp op)
    {
        switch (op)
        {
            case AskOp ask: Ask(Rooms[ask.Room], ask.Origin); break;
            case RaiseAlarmOp a: _facts[Rooms[a.Room]].Alarms.Add(new RecentAlarm(a.Kind, _clock.GetUtcNow(), true)); break;
            case ResolveAlarmsOp r:
                var alarms = _facts[Rooms[r.Room]].Alarms;
                for (var i = 0; i < alarms.Count; i++) alarms[i] = alarms[i] with { Open = false };
                break;
            case AddDecisionOp d:
                var triggers = CheckInTriggers.All.Order().Where((_, i) => (d.TriggerMask >> i & 1) == 1).ToArray();
                _facts[Rooms[d.Room]].Policies.Add(
                    Policies.Make($"d-{++_decisions}", d.MaxSeconds, d.MinGapSeconds, d.MaxPer24h, triggers));
                Review();
                break;
            case RemoveDecisionOp rm:
                var policies = _facts[Rooms[rm.Room]].Policies;
                if (policies.Count > 0) policies.RemoveAt(rm.Index % policies.Count);
                Review();
                break;
            case ObjectionOp o: _facts[Rooms[o.Room]].Objection = o.Objects; Review(); break;
            case ClockTrustOp t: _facts.ClockTrusted = t.Trusted; Review(); break;
            case StepClockOp step:
                if ((_clock.Offset + TimeSpan.FromSeconds(step.Seconds)).Duration() <= MaxOffset)
                    _clock.Step(TimeSpan.FromSeconds(step.Seconds));
                break;
            case AdvanceOp adv: _clock.Advance(TimeSpan.FromSeconds(adv.Seconds)); break;
            case RestartOp restart: Restart(restart.Graceful); break;
            case ViewerClosesOp v:
                if (_looks.LastOrDefault(l => l.Session.Room == Rooms[v.Room] && l.WallEnd is null) is { } open)
                    _gate.End(open.Session.SessionId, CheckInEndReason.ViewerClosed, v.ViewedSeconds);
                break;
            case ReviewOp: Review(); break;
        }
    }

    void Start()
    {
        _run++;
        var ledger = CheckInLedger.Load(_store, _clock.GetUtcNow());
        foreach (var closed in ledger.ClosedOnLoad)
            Check(_looks.Single(l => l.Session.SessionId == closed.SessionId).WallEnd == closed.EndedAt,
                "a crashed session closed at the wrong time");
        _gate = new CheckInGate(_gateSite, _facts, ledger, _clock, () => $"s-{++_ids}");
        _gate.Ended += OnEnded;
    }

    void Restart(bool graceful)
    {
        if (graceful) _gate.EndAll(CheckInEndReason.GatewayStopped);
        var now = _clock.GetUtcNow();
        foreach (var look in _looks.Where(l => l.WallEnd is null))
        {
            // The process dies: the stream dies with it. Where the ledger will put the end is checked on load.
            look.RealEnd = Min(_clock.Real, look.RealStart + look.Planned);
            look.WallEnd = now < look.Session.StartedAt ? look.Session.ExpiresAt : Min(now, look.Session.ExpiresAt);
        }
        Start();
    }

    void OnEnded(CheckInSession session)
    {
        var look = _looks.Single(l => l.Session.SessionId == session.SessionId);
        Check(look.WallEnd is null, "a session ended twice");
        Check(session.EndedAt >= session.StartedAt && session.EndedAt <= session.ExpiresAt, "end outside the session");
        look.Session = session;
        look.WallEnd = session.EndedAt;
        // The stream's own timer stops at the planned length, whatever the wall clock says.
        look.RealEnd = Min(_clock.Real, look.RealStart + look.Planned);
    }

    void Review()
    {
        _gate.Review();
        var now = _clock.GetUtcNow();
        foreach (var look in _looks.Where(l => l.WallEnd is null))
        {
            var facts = _facts.Read(look.Session.Room);
            Check(facts.ClockTrusted && !facts.ObjectionRecorded
                  && facts.Policies.Any(p => p.DecisionId == look.Session.DecisionId), "a session outlived its basis");
            Check(_clock.Real < look.RealStart + look.Planned, "a session outlived its time");
            Check(now >= look.Session.StartedAt && now < look.Session.ExpiresAt, "a session open outside its times");
        }
    }

    void Ask(string room, CheckInOrigin origin)
    {
        var facts = _facts.Read(room);
        if (_gate.Request(new CheckInRequest(room, "staff-1", "sim", origin)) is not CheckInGrant grant) return;

        var session = _gate.Find(grant.SessionId)!;
        var usable = facts.Policies.Where(p => p.IsUsable).ToList();
        Check(facts.ClockTrusted && facts.CameraAvailable && !facts.ObjectionRecorded, "granted against the facts");
        var policy = usable.SingleOrDefault(p => p.DecisionId == grant.DecisionId);
        Check(policy is not null && policy.Triggers.Contains(grant.Trigger), "granted without a policy allowing the trigger");
        Check(grant.Trigger == CheckInTriggers.StaffRequest || facts.Alarms.Any(a =>
            CheckInTriggers.ForAlarmKind(a.Kind) == grant.Trigger
            && (a.Open || (a.RaisedAt <= grant.StartedAt && grant.StartedAt - a.RaisedAt <= TimeSpan.FromSeconds(Law.TriggerWindowSeconds)))),
            "granted without a situation");

        var cap = Math.Min(Law.MaxSecondsCap, usable.Min(p => p.MaxSeconds));
        var gap = Math.Max(Law.MinGapSecondsFloor, usable.Max(p => p.MinGapSeconds));
        var quota = usable.Min(p => p.MaxPer24h);
        Check(grant.Duration > TimeSpan.Zero && grant.Duration <= TimeSpan.FromSeconds(cap), "longer than the cap");

        var look = new Look(session, _run, _clock.Real, gap);
        foreach (var earlier in _looks.Where(l => l.Session.Room == room))
        {
            var pause = TimeSpan.FromSeconds(Math.Max(gap, earlier.Gap));
            Check(earlier.WallEnd is not null, "two sessions overlap");
            Check(grant.StartedAt >= earlier.WallEnd + pause, $"gap after {earlier.Session.SessionId} too short (wall)");
            if (earlier.Run == _run)
                Check(look.RealStart >= earlier.RealEnd + pause, $"gap after {earlier.Session.SessionId} too short (real)");
        }
        var previous = _looks.Where(l => l.Session.Room == room).ToList();
        Check(previous.Count(l => l.Session.StartedAt > grant.StartedAt - Day) < quota, "over the quota (wall)");
        Check(previous.Count(l => l.Run == _run && l.RealStart > look.RealStart - Day) < quota, "over the quota (real)");
        _looks.Add(look);
    }

    void Check(bool ok, string what)
    {
        if (!ok)
            throw new InvalidOperationException($"{what} at step {_trace.Count}: {_trace.LastOrDefault()}");
    }

    static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}

using Frikommune.Edge.CheckIns;
using Frikommune.Edge.Configuration;
using Frikommune.Edge.Hosting;
using Frikommune.Edge.Storage;
using Frikommune.Edge.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using Frikommune.Edge.Decisions;
using Frikommune.Edge.Tests.CheckIns;

namespace Frikommune.Edge.Tests.Storage;

public sealed class SqliteCheckInStoreTests : IDisposable
{
    static readonly DateTimeOffset T0 = new(2026, 11, 23, 21, 0, 0, TimeSpan.Zero);
    readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>A fresh Database object on the same file each time, as a new process would open it.</summary>
    SqliteCheckInStore Open() => new(_dir.GatewayDatabase());

    static CheckInSession Session(string id, DateTimeOffset start, int seconds = 30, int gap = 600, string room = "room-12") =>
        new(id, room, "staff-1", "d-1", CheckInTriggers.StaffRequest, start, start.AddSeconds(seconds), gap);

    [Fact]
    public void Sessions_read_back_exactly_as_saved_after_reopening()
    {
        var open = Session("s1", T0.AddTicks(1234567));
        var ended = Session("s2", T0.AddHours(1)) with
        {
            EndedAt = T0.AddHours(1).AddSeconds(12.3456789), EndReason = CheckInEndReason.Objection, ViewedSeconds = 11.75,
        };
        var store = Open();
        store.Save(open);
        store.Save(ended);

        Assert.Equal([open, ended], Open().Load(T0.AddDays(-3)));
    }

    [Fact]
    public void Saving_again_replaces_the_row()
    {
        var store = Open();
        var session = Session("s1", T0);
        store.Save(session);
        var closed = session with { EndedAt = T0.AddSeconds(20), EndReason = CheckInEndReason.TimeUp };
        store.Save(closed);
        store.Save(closed with { ViewedSeconds = 19.5 });

        Assert.Equal([closed with { ViewedSeconds = 19.5 }], Open().Load(T0.AddDays(-3)));
    }

    [Fact]
    public void Load_keeps_exactly_what_the_ledger_rule_keeps()
    {
        var since = T0;
        var sessions = new List<CheckInSession>
        {
            Session("open-old", since.AddDays(-5)),
            Session("started-at-since", since) with { EndedAt = since.AddSeconds(1), EndReason = CheckInEndReason.TimeUp },
            Session("future", since.AddDays(2)) with { EndedAt = since.AddDays(2).AddSeconds(5), EndReason = CheckInEndReason.TimeUp },
            Session("gap-reaches-since", since.AddSeconds(-700), gap: 600) with { EndedAt = since.AddSeconds(-600), EndReason = CheckInEndReason.ViewerClosed },
            Session("gap-one-tick-short", since.AddSeconds(-700), gap: 600) with { EndedAt = since.AddSeconds(-600).AddTicks(-1), EndReason = CheckInEndReason.ViewerClosed },
            Session("expiry-counts-when-open-ended-late", since.AddSeconds(-630), seconds: 30, gap: 600) with { EndedAt = since.AddSeconds(-600), EndReason = CheckInEndReason.Crash },
            Session("old", since.AddDays(-3)) with { EndedAt = since.AddDays(-3).AddSeconds(30), EndReason = CheckInEndReason.TimeUp },
        };
        var store = Open();
        sessions.ForEach(store.Save);

        var expected = sessions.Where(s => CheckInLedger.Matters(s, since)).Select(s => s.SessionId).Order();
        Assert.Equal(expected, store.Load(since).Select(s => s.SessionId).Order());
        Assert.Equal(5, expected.Count());
    }

    [Fact]
    public void A_session_open_at_a_crash_is_closed_on_load_durably_and_still_holds_the_gap()
    {
        var time = new FakeTimeProvider(T0);
        var site = new CheckInsOptions { MaxSecondsCap = 60, MinGapSecondsFloor = 300, TriggerWindowSeconds = 300 };
        var facts = new FakeRoomFacts();
        facts["room-12"].Policies.Add(Policies.Make());
        var gate = new CheckInGate(site, facts, CheckInLedger.Load(Open(), time.GetUtcNow()), time);
        var grant = Assert.IsType<CheckInGrant>(gate.Request(new CheckInRequest("room-12", "staff-1", "lyd")));
        Assert.True(Assert.Single(Open().Load(T0.AddDays(-2))).IsOpen);

        time.Advance(TimeSpan.FromSeconds(10));
        var ledger = CheckInLedger.Load(Open(), time.GetUtcNow());
        var restarted = new CheckInGate(site, facts, ledger, time);

        var closed = Assert.Single(ledger.ClosedOnLoad);
        Assert.Equal((grant.SessionId, T0.AddSeconds(10), CheckInEndReason.Crash), (closed.SessionId, closed.EndedAt!.Value, closed.EndReason!.Value));
        Assert.Equal(closed, Assert.Single(Open().Load(T0.AddDays(-2))));
        Assert.Equal(CheckInRefusals.Cooldown, Assert.IsType<CheckInRefusal>(restarted.Request(new CheckInRequest("room-12", "staff-1", "igen"))).Code);
        Assert.Empty(CheckInLedger.Load(Open(), time.GetUtcNow()).ClosedOnLoad);
    }
}

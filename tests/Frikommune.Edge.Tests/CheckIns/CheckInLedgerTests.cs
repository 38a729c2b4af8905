using Frikommune.Edge.CheckIns;

namespace Frikommune.Edge.Tests.CheckIns;

public class CheckInLedgerTests
{
    [Fact]
    public void After_a_crash_an_open_session_is_closed_at_load_time_and_still_counts_for_the_gap()
    {
        var f = new GateFixture();
        var grant = f.Grant();
        f.Advance(10);

        f.Restart();

        var closed = Assert.Single(f.Ledger.ClosedOnLoad);
        Assert.Equal(grant.SessionId, closed.SessionId);
        Assert.Equal(CheckInEndReason.Crash, closed.EndReason);
        Assert.Equal(f.Now, closed.EndedAt);
        Assert.Empty(f.Gate.OpenSessions());
        f.Advance(599);
        Assert.Equal(CheckInRefusals.Cooldown, f.Refusal());
        f.Advance(1);
        f.Grant();
    }

    [Fact]
    public void A_session_cut_off_by_a_crash_and_loaded_later_is_closed_at_its_expiry()
    {
        var f = new GateFixture();
        var grant = f.Grant();
        f.Advance(3600);

        f.Restart();

        Assert.Equal(grant.ExpiresAt, Assert.Single(f.Ledger.ClosedOnLoad).EndedAt);
        Assert.Equal(grant.ExpiresAt, f.Store.Rows.Single().EndedAt);
    }

    [Fact]
    public void The_quota_survives_a_restart()
    {
        var f = new GateFixture();
        f.Facts[GateFixture.RoomId].Policies[0] = Policies.Make(maxPer24h: 2, minGapSeconds: 0);
        f.Grant();
        f.Advance(400);
        f.Grant();
        f.Advance(400);

        f.Restart();

        Assert.Equal(CheckInRefusals.Quota, f.Refusal());
    }

    [Fact]
    public void An_old_gap_longer_than_a_day_survives_a_restart()
    {
        var f = new GateFixture();
        f.Facts[GateFixture.RoomId].Policies[0] = Policies.Make(minGapSeconds: 3 * 86400);
        f.Grant();
        f.Advance(2 * 86400 + 3600);

        f.Restart();

        Assert.Equal(CheckInRefusals.Cooldown, f.Refusal());
    }

    [Fact]
    public void Old_sessions_are_forgotten_unless_their_gap_still_counts()
    {
        var f = new GateFixture();
        f.Grant();
        f.Advance(3 * 86400);
        f.Facts[GateFixture.RoomId].Policies[0] = Policies.Make(minGapSeconds: 2 * 86400);
        var longGap = f.Grant();
        f.Advance(3 * 86400);
        f.Facts[GateFixture.RoomId].Objection = true;
        Assert.Equal(CheckInRefusals.Objection, f.Refusal()); // every request prunes

        Assert.Equal([longGap.SessionId], f.Ledger.Sessions(GateFixture.RoomId).Select(s => s.SessionId));
        f.Restart();
        Assert.Equal([longGap.SessionId], f.Ledger.Sessions(GateFixture.RoomId).Select(s => s.SessionId));
    }
}

using Frikommune.Edge.CheckIns;

namespace Frikommune.Edge.Tests.CheckIns;

public class CheckInSessionEndTests
{
    static (GateFixture f, CheckInGrant grant) Running()
    {
        var f = new GateFixture();
        var grant = f.Grant();
        f.Advance(5);
        return (f, grant);
    }

    [Fact]
    public void A_revoked_decision_ends_the_session_at_the_next_review()
    {
        var (f, grant) = Running();
        f.Facts[GateFixture.RoomId].Policies.Clear();

        var ended = Assert.Single(f.Gate.Review());

        Assert.Equal(grant.SessionId, ended.SessionId);
        Assert.Equal(CheckInEndReason.DecisionEnded, ended.EndReason);
        Assert.Equal(f.Now, ended.EndedAt);
        Assert.Equal(ended, Assert.Single(f.Ended));
        Assert.False(f.Store.Rows.Single().IsOpen);
    }

    [Fact]
    public void A_session_ends_when_its_own_decision_goes_even_if_another_remains()
    {
        var (f, _) = Running();
        f.Facts[GateFixture.RoomId].Policies[0] = Policies.Make("d-2");

        Assert.Equal(CheckInEndReason.DecisionEnded, Assert.Single(f.Gate.Review()).EndReason);
    }

    [Fact]
    public void An_objection_ends_the_session()
    {
        var (f, _) = Running();
        f.Facts[GateFixture.RoomId].Objection = true;

        Assert.Equal(CheckInEndReason.Objection, Assert.Single(f.Gate.Review()).EndReason);
    }

    [Fact]
    public void An_untrusted_clock_ends_the_session()
    {
        var (f, _) = Running();
        f.Facts.ClockTrusted = false;

        Assert.Equal(CheckInEndReason.ClockUntrusted, Assert.Single(f.Gate.Review()).EndReason);
    }

    [Fact]
    public void A_session_past_its_time_is_ended_at_its_expiry()
    {
        var (f, grant) = Running();
        f.Advance(100);

        var ended = Assert.Single(f.Gate.Review());

        Assert.Equal(CheckInEndReason.TimeUp, ended.EndReason);
        Assert.Equal(grant.ExpiresAt, ended.EndedAt);
    }

    [Fact]
    public void A_review_leaves_a_session_that_may_run_alone()
    {
        var (f, _) = Running();

        Assert.Empty(f.Gate.Review());
        Assert.Single(f.Gate.OpenSessions());
    }

    [Fact]
    public void Stopping_the_gateway_ends_every_session()
    {
        var (f, _) = Running();
        f.Facts["room-14"].Policies.Add(Policies.Make("d-9"));
        Assert.True(f.Ask(room: "room-14").Granted);

        var ended = f.Gate.EndAll(CheckInEndReason.GatewayStopped);

        Assert.Equal(2, ended.Count);
        Assert.Empty(f.Gate.OpenSessions());
    }

    [Fact]
    public void Ending_twice_changes_nothing_and_viewed_seconds_are_bounded_by_the_session()
    {
        var (f, grant) = Running();
        var first = f.Gate.End(grant.SessionId, CheckInEndReason.ViewerClosed, viewedSeconds: 400)!;
        f.Advance(5);
        var second = f.Gate.End(grant.SessionId, CheckInEndReason.Objection);

        Assert.Equal(5, first.ViewedSeconds);
        Assert.Equal(first, second);
        Assert.Single(f.Ended);
        Assert.Null(f.Gate.End("no-such-session", CheckInEndReason.ViewerClosed));
    }

    [Fact]
    public void Viewed_seconds_reported_after_the_session_timed_out_are_recorded_once()
    {
        var (f, grant) = Running();
        f.Advance(60);
        Assert.Single(f.Gate.Review());

        var recorded = f.Gate.End(grant.SessionId, CheckInEndReason.ViewerClosed, viewedSeconds: 29)!;
        var again = f.Gate.End(grant.SessionId, CheckInEndReason.ViewerClosed, viewedSeconds: 3)!;

        Assert.Equal(29, recorded.ViewedSeconds);
        Assert.Equal(CheckInEndReason.TimeUp, recorded.EndReason);
        Assert.Equal(29, again.ViewedSeconds);
        Assert.Equal(29, f.Store.Rows.Single().ViewedSeconds);
        Assert.Single(f.Ended);
    }

    [Fact]
    public void When_the_store_cannot_record_the_session_nothing_is_granted()
    {
        var f = new GateFixture();
        f.Store.FailSaves = true;

        Assert.Throws<IOException>(() => f.Ask());
        f.Store.FailSaves = false;
        Assert.Empty(f.Gate.OpenSessions());
        f.Grant();
    }
}

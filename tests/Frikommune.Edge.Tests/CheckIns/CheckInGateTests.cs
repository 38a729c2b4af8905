using Frikommune.Edge.CheckIns;
using Frikommune.Edge.Decisions;

namespace Frikommune.Edge.Tests.CheckIns;

public class CheckInGateTests
{
    [Fact]
    public void A_staff_request_is_granted_when_the_decision_allows_staff_requests()
    {
        var f = new GateFixture();

        var grant = f.Grant();

        Assert.Equal(GateFixture.RoomId, grant.Room);
        Assert.Equal("d-1", grant.DecisionId);
        Assert.Equal(CheckInTriggers.StaffRequest, grant.Trigger);
        Assert.Equal(f.Now, grant.StartedAt);
        Assert.Equal(f.Now.AddSeconds(30), grant.ExpiresAt);
        Assert.Single(f.Store.Rows, s => s.SessionId == grant.SessionId && s.IsOpen);
    }

    [Theory]
    [InlineData(30, 30)]
    [InlineData(60, 60)]
    [InlineData(600, 60)]
    public void The_duration_is_the_smaller_of_the_decision_and_the_site_cap(int decisionSeconds, int expected)
    {
        var f = new GateFixture();
        f.Facts[GateFixture.RoomId].Policies[0] = Policies.Make(maxSeconds: decisionSeconds);

        var grant = f.Grant();

        Assert.Equal(TimeSpan.FromSeconds(expected), grant.Duration);
        Assert.Equal(grant.StartedAt + grant.Duration, grant.ExpiresAt);
    }

    /// <summary>
    /// For each code k, every check before k passes and every check from k on fails: the gate must name k.
    /// The history for busy/cooldown/quota: quota 2, the first look-in done, the second still open.
    /// </summary>
    [Theory]
    [InlineData(0)] [InlineData(1)] [InlineData(2)] [InlineData(3)] [InlineData(4)]
    [InlineData(5)] [InlineData(6)] [InlineData(7)] [InlineData(8)] [InlineData(9)]
    public void Refusals_follow_the_documented_precedence(int k)
    {
        var f = new GateFixture();
        var room = f.Facts[GateFixture.RoomId];
        room.Policies[0] = Policies.Make(maxPer24h: 2, minGapSeconds: 600);
        f.Grant();
        f.Advance(30 + 600);
        f.Grant();

        if (k == 8) f.Advance(30);        // second look-in over: cooldown (and quota) remain
        if (k == 9) f.Advance(30 + 600);  // gap over: only the quota remains
        if (k <= 6) room.Policies[0] = Policies.Make(maxPer24h: 2, triggers: CheckInTriggers.SleepAlarm);
        if (k <= 5) { room.Policies[0] = room.Policies[0] with { NeedsIndicator = true }; room.IndicatorWorks = false; }
        if (k <= 4) room.Objection = true;
        if (k <= 3) room.Policies.Clear();
        if (k <= 2) f.Facts.ClockTrusted = false;
        if (k <= 1) room.CameraAvailable = false;
        if (k == 0) f.Facts.Remove(GateFixture.RoomId);

        Assert.Equal(CheckInRefusals.InPrecedence[k], f.Refusal());
    }

    [Fact]
    public void The_precedence_lists_exactly_the_contract_codes()
    {
        Assert.Equal(
            ["unknown-room", "camera-unavailable", "clock-untrusted", "no-valid-decision", "objection",
             "indicator-missing", "not-situational", "busy", "cooldown", "quota"],
            CheckInRefusals.InPrecedence);
    }

    [Fact]
    public void A_decision_that_cannot_be_honoured_is_no_valid_decision()
    {
        var f = new GateFixture();
        f.Facts[GateFixture.RoomId].Policies[0] = Policies.Make(maxPer24h: 0);

        Assert.Equal(CheckInRefusals.NoValidDecision, f.Refusal());
    }

    [Fact]
    public void Several_decisions_in_force_bind_by_the_strictest_of_each_bound()
    {
        var f = new GateFixture();
        var room = f.Facts[GateFixture.RoomId];
        room.Policies[0] = Policies.Make("d-b", maxSeconds: 20, minGapSeconds: 400, maxPer24h: 5);
        room.Policies.Add(Policies.Make("d-a", maxSeconds: 45, minGapSeconds: 900, maxPer24h: 1));

        var grant = f.Grant();
        Assert.Equal("d-a", grant.DecisionId); // both allow staff requests: the first by id
        Assert.Equal(TimeSpan.FromSeconds(20), grant.Duration);
        Assert.Equal(900, f.Gate.Find(grant.SessionId)!.MinGapSeconds);

        f.Advance(20 + 900);
        Assert.Equal(CheckInRefusals.Quota, f.Refusal());
    }

    [Fact]
    public void A_decision_that_needs_an_indicator_grants_where_the_room_has_one_and_the_session_ends_when_it_fails()
    {
        var f = new GateFixture();
        var room = f.Facts[GateFixture.RoomId];
        room.Policies[0] = room.Policies[0] with { NeedsIndicator = true };
        var grant = f.Grant();

        room.IndicatorWorks = false;
        f.Gate.Review();

        Assert.False(f.Gate.Find(grant.SessionId)!.IsOpen);
    }

    [Fact]
    public void A_decision_that_needs_no_indicator_still_grants_in_a_room_without_one()
    {
        var f = new GateFixture();
        f.Facts[GateFixture.RoomId].IndicatorWorks = false;

        Assert.Equal(GateFixture.RoomId, f.Grant().Room);
    }
}

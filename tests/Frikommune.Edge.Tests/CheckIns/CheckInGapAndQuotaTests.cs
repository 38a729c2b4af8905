using Frikommune.Edge.CheckIns;

namespace Frikommune.Edge.Tests.CheckIns;

public class CheckInGapAndQuotaTests
{
    [Fact]
    public void The_gap_runs_from_the_planned_end_of_a_session_nobody_closed()
    {
        var f = new GateFixture(); // decision: 30 s, gap 600 s
        f.Grant();

        f.Advance(30 + 599);
        Assert.Equal(CheckInRefusals.Cooldown, f.Refusal());
        f.Advance(1);
        f.Grant();
    }

    [Fact]
    public void The_gap_runs_from_the_actual_end_of_a_session_ended_early()
    {
        var f = new GateFixture();
        var grant = f.Grant();
        f.Advance(10);
        var ended = f.Gate.End(grant.SessionId, CheckInEndReason.ViewerClosed, viewedSeconds: 9.5)!;
        Assert.Equal(f.Now, ended.EndedAt);
        Assert.Equal(9.5, ended.ViewedSeconds);

        f.Advance(599);
        Assert.Equal(CheckInRefusals.Cooldown, f.Refusal());
        f.Advance(1);
        f.Grant();
    }

    [Theory]
    [InlineData(100, 300)]
    [InlineData(900, 900)]
    public void The_gap_is_the_larger_of_the_decision_and_the_site_floor(int decisionGap, int expected)
    {
        var f = new GateFixture();
        f.Facts[GateFixture.RoomId].Policies[0] = Policies.Make(minGapSeconds: decisionGap);
        f.Grant();

        f.Advance(30 + expected - 1);
        Assert.Equal(CheckInRefusals.Cooldown, f.Refusal());
        f.Advance(1);
        f.Grant();
    }

    [Fact]
    public void A_laxer_new_decision_does_not_shorten_the_gap_after_a_session()
    {
        var f = new GateFixture();
        f.Facts[GateFixture.RoomId].Policies[0] = Policies.Make(minGapSeconds: 3600);
        f.Grant();
        f.Facts[GateFixture.RoomId].Policies[0] = Policies.Make("d-2", minGapSeconds: 300);

        f.Advance(30 + 300);
        Assert.Equal(CheckInRefusals.Cooldown, f.Refusal());
    }

    [Fact]
    public void While_a_session_is_open_the_room_is_busy()
    {
        var f = new GateFixture();
        f.Grant();
        f.Advance(29);

        Assert.Equal(CheckInRefusals.Busy, f.Refusal());
    }

    [Fact]
    public void The_quota_counts_starts_in_a_rolling_24_hours()
    {
        var f = new GateFixture();
        f.Facts[GateFixture.RoomId].Policies[0] = Policies.Make(maxSeconds: 60, minGapSeconds: 0, maxPer24h: 3);
        var first = f.Grant().StartedAt;
        for (var i = 0; i < 2; i++)
        {
            f.Advance(360);
            f.Grant();
        }
        f.Advance(360);
        Assert.Equal(CheckInRefusals.Quota, f.Refusal());

        f.Advance((first.AddHours(24) - f.Now).TotalSeconds - 1);
        Assert.Equal(CheckInRefusals.Quota, f.Refusal());
        f.Advance(1);
        f.Grant();
        Assert.Equal(CheckInRefusals.Busy, f.Refusal());
        f.Advance(360);
        f.Grant(); // the second start has slid out of the window just as the gap ends
    }

    [Fact]
    public void Gap_and_quota_are_per_room()
    {
        var f = new GateFixture();
        f.Facts["room-14"].Policies.Add(Policies.Make("d-9"));
        f.Grant();

        Assert.True(f.Ask(room: "room-14").Granted);
    }
}

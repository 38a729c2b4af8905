using Frikommune.Edge.CheckIns;

namespace Frikommune.Edge.Tests.CheckIns;

/// <summary>Wall-clock steps while the gateway runs: the gap cannot be proven, so the gate refuses.</summary>
public class CheckInClockStepTests
{
    readonly SteppableClock _clock = new(GateFixture.Start);
    readonly GateFixture _f;

    public CheckInClockStepTests() => _f = new GateFixture(_clock);

    [Fact]
    public void After_a_step_back_a_previous_end_in_the_future_means_cooldown()
    {
        _f.Grant();
        _clock.Advance(TimeSpan.FromHours(2));
        _clock.Step(TimeSpan.FromHours(-3));

        Assert.Equal(CheckInRefusals.Cooldown, _f.Refusal());
    }

    [Fact]
    public void A_step_back_during_a_session_does_not_lengthen_it()
    {
        var grant = _f.Grant();
        _clock.Advance(TimeSpan.FromSeconds(20));
        _clock.Step(TimeSpan.FromSeconds(-15)); // the wall clock still reads within the session
        _clock.Advance(TimeSpan.FromSeconds(10));

        var ended = Assert.Single(_f.Gate.Review());

        Assert.Equal(CheckInEndReason.TimeUp, ended.EndReason);
        Assert.Equal(grant.ExpiresAt, ended.EndedAt);
    }

    [Fact]
    public void A_step_back_before_the_start_ends_the_session_and_keeps_its_latest_end()
    {
        var grant = _f.Grant();
        _clock.Step(TimeSpan.FromMinutes(-10));

        var ended = Assert.Single(_f.Gate.Review());

        Assert.Equal(CheckInEndReason.ClockStepped, ended.EndReason);
        Assert.Equal(grant.ExpiresAt, ended.EndedAt);
    }

    [Fact]
    public void A_step_forward_does_not_shorten_the_gap()
    {
        _f.Grant();
        _clock.Advance(TimeSpan.FromSeconds(40));
        _clock.Step(TimeSpan.FromHours(1));

        Assert.Equal(CheckInRefusals.Cooldown, _f.Refusal());
        _clock.Advance(TimeSpan.FromSeconds(589));
        Assert.Equal(CheckInRefusals.Cooldown, _f.Refusal());
        _clock.Advance(TimeSpan.FromSeconds(1));
        _f.Grant();
    }

    [Fact]
    public void A_step_forward_does_not_reset_the_quota()
    {
        _f.Facts[GateFixture.RoomId].Policies[0] = Policies.Make(maxPer24h: 1);
        _f.Grant();
        _clock.Advance(TimeSpan.FromHours(1));
        _clock.Step(TimeSpan.FromHours(24));

        Assert.Equal(CheckInRefusals.Quota, _f.Refusal());
    }

    [Fact]
    public void A_step_forward_during_a_session_ends_it_at_its_planned_end()
    {
        var grant = _f.Grant();
        _clock.Advance(TimeSpan.FromSeconds(5));
        _clock.Step(TimeSpan.FromHours(1));

        var ended = Assert.Single(_f.Gate.Review());
        Assert.Equal(CheckInEndReason.TimeUp, ended.EndReason);
        Assert.Equal(grant.ExpiresAt, ended.EndedAt);
    }
}

using Frikommune.Edge.Alarms;
using Frikommune.Edge.Doors;

namespace Frikommune.Edge.Tests.Doors;

public class DelayedEgressTests
{
    [Fact]
    public void Holding_a_button_3_s_starts_delayed_egress_with_the_alarm_at_once()
    {
        using var h = DoorHarness.Special();
        h.Press(DoorButton.A);
        h.Seconds(3);

        var started = Assert.Single(h.Of<DelayedEgressStarted>());
        Assert.Equal(h.Time.GetUtcNow().AddSeconds(15), started.ReleasesAt);
        Assert.Contains(AlarmKind.DoorAssistance, h.Raised);
        Assert.True(h.Sounder);
        Assert.True(h.Locked);
    }

    [Fact]
    public void The_door_releases_DelayedEgressSeconds_later_even_when_the_button_was_let_go()
    {
        using var h = DoorHarness.Special();
        h.Press(DoorButton.A);
        h.Seconds(3);
        h.LetGo(DoorButton.A);
        h.Seconds(14.9);
        Assert.True(h.Locked);

        h.Seconds(0.1);

        Assert.False(h.Locked);
        Assert.Equal(ReleaseCauses.DelayedEgress, h.ReleaseCausesSeen.Last());
        Assert.False(h.Sounder);
    }

    [Fact]
    public void Nothing_else_that_happens_stops_a_delayed_egress()
    {
        using var h = DoorHarness.Special();
        h.Press(DoorButton.A);
        h.Seconds(3);
        h.LetGo(DoorButton.A);
        h.Door.SilenceAssistance();
        h.Door.SetValidDecisions(["d-2026-0042", "d-2026-0043"]);
        h.Tap(DoorButton.B);
        h.Door.SetContact(open: true);
        h.Door.SetContact(open: false);
        h.Seconds(15);

        Assert.False(h.Locked);
        Assert.Contains(ReleaseCauses.DelayedEgress, h.ReleaseCausesSeen);
    }

    [Fact]
    public void Letting_go_before_3_s_starts_nothing_but_the_call_for_help()
    {
        using var h = DoorHarness.Special();
        h.Press(DoorButton.A);
        h.Seconds(2.9);
        h.LetGo(DoorButton.A);
        h.Seconds(60);

        Assert.Empty(h.Of<DelayedEgressStarted>());
        Assert.Empty(h.Of<DoorReleased>());
        Assert.True(h.Locked);
    }

    [Fact]
    public void A_button_still_held_after_the_egress_keeps_the_door_released()
    {
        using var h = DoorHarness.Special();
        h.Press(DoorButton.A);
        h.Seconds(18 + 60);
        Assert.False(h.Locked);

        h.LetGo(DoorButton.A);
        h.Seconds(5);
        Assert.True(h.Locked);
    }

    [Fact]
    public void The_delay_is_capped_at_180_s()
    {
        using var h = DoorHarness.Special(o => o.DelayedEgressSeconds = 1000);
        h.Press(DoorButton.A);
        h.Seconds(3 + 180);

        Assert.False(h.Locked);
    }

    [Fact]
    public void A_fire_during_delayed_egress_releases_at_once_and_the_egress_still_releases_after_the_fire()
    {
        using var h = DoorHarness.Special();
        h.Press(DoorButton.A);
        h.Seconds(3);
        h.LetGo(DoorButton.A);
        h.Seconds(5);

        h.Door.SetFireAlarm(true);
        Assert.False(h.Locked);
        h.Seconds(2);
        h.Door.SetFireAlarm(false);
        Assert.True(h.Locked);
        h.Seconds(8);

        Assert.False(h.Locked);
        Assert.Equal([ReleaseCauses.Fire, ReleaseCauses.DelayedEgress], h.ReleaseCausesSeen);
    }

    [Fact]
    public void A_button_held_since_free_mode_keeps_the_door_released_when_it_turns_special()
    {
        using var h = new DoorHarness();
        h.Door.SetDoorAlarmPath(true);
        h.Door.Start();
        h.Press(DoorButton.A);
        h.Seconds(1);
        h.Door.SetValidDecisions(["d-1"]);
        Assert.Equal(DoorMode.SpecialOpener, h.Mode);

        h.Seconds(60);

        Assert.False(h.Locked);
        Assert.Empty(h.Raised);
    }
}

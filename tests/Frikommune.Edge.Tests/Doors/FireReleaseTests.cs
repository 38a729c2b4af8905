using Frikommune.Edge.Alarms;
using Frikommune.Edge.Doors;

namespace Frikommune.Edge.Tests.Doors;

public class FireReleaseTests
{
    [Fact]
    public void A_fire_alarm_releases_at_once_and_raises_fire_release_as_high()
    {
        using var h = DoorHarness.Special();
        h.Door.SetFireAlarm(true);

        Assert.False(h.Locked);
        Assert.Equal(DoorMode.FireRelease, h.Mode);
        var alarm = Assert.Single(h.Of<DoorAlarmRaised>());
        Assert.Equal(("fire-release", "high"), (alarm.KindName, alarm.Priority));
        Assert.Equal(ReleaseCauses.Fire, h.ReleaseCausesSeen.Single());
    }

    [Fact]
    public void The_door_stays_released_while_the_fire_alarm_lasts_whatever_else_ends()
    {
        using var h = DoorHarness.Special();
        h.Door.SetFireAlarm(true);
        h.Door.StaffRelease("staff-1", 2);
        h.Tap(DoorButton.A);
        h.Tap(DoorButton.B);
        h.Seconds(600);

        Assert.False(h.Locked);
        Assert.DoesNotContain(h.Of<LockOutputChanged>(), e => e.Locked && e.At > h.Of<DoorReleased>().First().At);
    }

    [Fact]
    public void When_the_fire_clears_the_door_returns_to_the_mode_its_decisions_call_for()
    {
        using var h = DoorHarness.Special();
        h.Door.SetFireAlarm(true);
        h.Door.SetFireAlarm(false);

        Assert.True(h.Locked);
        Assert.Equal(DoorMode.SpecialOpener, h.Mode);
        Assert.Single(h.Of<DoorAlarmConditionEnded>(), e => e.Kind == AlarmKind.FireRelease);
    }

    [Fact]
    public void A_door_open_when_the_fire_clears_relocks_only_once_closed()
    {
        using var h = DoorHarness.Special();
        h.Door.SetFireAlarm(true);
        h.Door.SetContact(open: true);
        h.Door.SetFireAlarm(false);
        Assert.False(h.Locked);

        h.Door.SetContact(open: false);

        Assert.True(h.Locked);
        Assert.DoesNotContain(AlarmKind.DoorForced, h.Raised);
    }

    [Fact]
    public void A_door_standing_open_during_a_fire_is_not_held_open()
    {
        using var h = DoorHarness.Special();
        h.Door.SetFireAlarm(true);
        h.Door.SetContact(open: true);
        h.Seconds(600);

        Assert.DoesNotContain(AlarmKind.DoorHeldOpen, h.Raised);

        h.Door.SetFireAlarm(false);
        h.Seconds(30);
        Assert.Contains(AlarmKind.DoorHeldOpen, h.Raised);
    }

    [Fact]
    public void A_pending_single_press_raises_nothing_once_the_fire_has_released_the_door()
    {
        using var h = DoorHarness.Special();
        h.Tap(DoorButton.A);
        h.Door.SetFireAlarm(true);
        h.Seconds(2);

        Assert.DoesNotContain(AlarmKind.DoorAssistance, h.Raised);
    }
}

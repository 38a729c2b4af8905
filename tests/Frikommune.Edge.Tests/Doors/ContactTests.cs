using Frikommune.Edge.Alarms;
using Frikommune.Edge.Doors;

namespace Frikommune.Edge.Tests.Doors;

public class ContactTests
{
    [Fact]
    public void A_door_opened_while_locked_raises_door_forced_and_sounds_until_closed()
    {
        using var h = DoorHarness.Special();
        h.Door.SetContact(open: true);

        var alarm = Assert.Single(h.Of<DoorAlarmRaised>());
        Assert.Equal(("door-forced", "high"), (alarm.KindName, alarm.Priority));
        Assert.True(h.Sounder);
        Assert.True(h.Door.State.Open);

        h.Door.SetContact(open: false);

        Assert.False(h.Sounder);
        Assert.Single(h.Of<DoorAlarmConditionEnded>(), e => e.Kind == AlarmKind.DoorForced);
    }

    [Fact]
    public void A_door_opened_during_a_release_is_not_forced()
    {
        using var h = DoorHarness.Free();
        h.Tap(DoorButton.A);
        h.Door.SetContact(open: true);

        Assert.Empty(h.Raised);
    }

    [Fact]
    public void A_door_open_longer_than_HeldOpenAlarmSeconds_raises_door_held_open_as_medium()
    {
        using var h = DoorHarness.Free();
        h.Tap(DoorButton.A);
        h.Door.SetContact(open: true);
        h.Seconds(29.9);
        Assert.Empty(h.Raised);

        h.Seconds(0.1);

        var alarm = Assert.Single(h.Of<DoorAlarmRaised>());
        Assert.Equal(("door-held-open", "medium"), (alarm.KindName, alarm.Priority));
        Assert.True(h.Sounder);
        h.Door.SetContact(open: false);
        Assert.False(h.Sounder);
        Assert.Single(h.Of<DoorAlarmConditionEnded>(), e => e.Kind == AlarmKind.DoorHeldOpen);
    }

    [Fact]
    public void A_door_closed_in_time_raises_nothing()
    {
        using var h = DoorHarness.Free();
        h.Tap(DoorButton.A);
        h.Door.SetContact(open: true);
        h.Seconds(20);
        h.Door.SetContact(open: false);
        h.Seconds(60);

        Assert.Empty(h.Raised);
    }

    [Fact]
    public void After_a_release_ends_with_the_door_open_it_stays_released_until_closed()
    {
        using var h = DoorHarness.Special();
        h.Tap(DoorButton.A);
        h.Tap(DoorButton.B);
        h.Door.SetContact(open: true);
        h.Seconds(20);
        Assert.False(h.Locked);

        h.Door.SetContact(open: false);

        Assert.True(h.Locked);
        Assert.DoesNotContain(AlarmKind.DoorForced, h.Raised);
    }

    [Fact]
    public void A_door_closed_before_the_release_ends_relocks_when_it_ends()
    {
        using var h = DoorHarness.Special();
        h.Tap(DoorButton.A);
        h.Tap(DoorButton.B);
        h.Door.SetContact(open: true);
        h.Seconds(2);
        h.Door.SetContact(open: false);
        Assert.False(h.Locked);

        h.Seconds(3);

        Assert.True(h.Locked);
    }
}

using Frikommune.Edge.Alarms;
using Frikommune.Edge.Configuration;
using Frikommune.Edge.Doors;
using Frikommune.Edge.Tests.Alarms;
using Microsoft.Extensions.Time.Testing;

namespace Frikommune.Edge.Tests.Doors;

public class SpecialOpenerTests
{
    [Theory]
    [InlineData(DoorButton.A, DoorButton.B)]
    [InlineData(DoorButton.B, DoorButton.A)]
    public void Both_buttons_within_the_window_release(DoorButton first, DoorButton second)
    {
        using var h = DoorHarness.Special();
        h.Tap(first);
        h.Ms(1400);
        h.Tap(second);

        Assert.False(h.Locked);
        Assert.Equal([ReleaseCauses.ButtonPair], h.ReleaseCausesSeen);
        h.Seconds(5);
        Assert.True(h.Locked);
        Assert.Empty(h.Raised);
        Assert.False(h.Sounder);
    }

    [Fact]
    public void One_button_alone_does_not_release()
    {
        using var h = DoorHarness.Special();
        h.Tap(DoorButton.A);

        Assert.True(h.Locked);
        Assert.Empty(h.Of<DoorReleased>());
    }

    [Fact]
    public void The_second_button_after_the_window_does_not_release_and_the_first_called_for_help()
    {
        using var h = DoorHarness.Special();
        h.Tap(DoorButton.A);
        h.Ms(1500);
        Assert.Equal([AlarmKind.DoorAssistance], h.Raised);

        h.Ms(100);
        h.Tap(DoorButton.B);

        Assert.True(h.Locked);
        Assert.Empty(h.Of<DoorReleased>());
    }

    [Fact]
    public void A_single_press_raises_door_assistance_as_high_and_sounds_the_sounder()
    {
        using var h = DoorHarness.Special();
        h.Tap(DoorButton.B);
        h.Ms(1499);
        Assert.Empty(h.Raised);

        h.Ms(1);

        var alarm = Assert.Single(h.Of<DoorAlarmRaised>());
        Assert.Equal(("door-assistance", "high"), (alarm.KindName, alarm.Priority));
        Assert.True(h.Sounder);
        Assert.True(h.Locked);
    }

    [Fact]
    public void The_assistance_sounder_stops_by_itself_and_repeated_presses_raise_one_alarm()
    {
        using var h = DoorHarness.Special();
        h.Tap(DoorButton.A);
        h.Seconds(10);
        h.Tap(DoorButton.A);
        h.Seconds(10);
        Assert.True(h.Sounder);
        // The door reports each lone press; the alarm desk, as the event pump feeds it, keeps one alarm.
        var outbox = new CollectingOutbox();
        using var desk = new AlarmDesk("site", new AlarmsOptions { AckTimeoutSeconds = 60 }, outbox, new FakeTimeProvider());
        foreach (var e in h.Of<DoorAlarmRaised>()) desk.Raise(e.Kind, e.Subject);
        Assert.Single(outbox.Of(AlarmChangeKind.Raised));

        h.Seconds(30);

        Assert.False(h.Sounder);
        Assert.Single(h.Of<DoorAlarmConditionEnded>(), e => e.Kind == AlarmKind.DoorAssistance);
    }

    [Fact]
    public void Staff_silencing_stops_the_assistance_sounder()
    {
        using var h = DoorHarness.Special();
        h.Tap(DoorButton.A);
        h.Seconds(2);

        h.Door.SilenceAssistance();

        Assert.False(h.Sounder);
    }

    [Fact]
    public void Letting_the_resident_through_ends_the_call_for_help()
    {
        using var h = DoorHarness.Special();
        h.Tap(DoorButton.A);
        h.Seconds(2);

        h.Door.StaffRelease("staff-9");

        Assert.False(h.Sounder);
        Assert.False(h.Locked);
    }
}

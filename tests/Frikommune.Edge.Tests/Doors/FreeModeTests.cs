using Frikommune.Edge.Doors;

namespace Frikommune.Edge.Tests.Doors;

public class FreeModeTests
{
    [Theory]
    [InlineData(DoorButton.A)]
    [InlineData(DoorButton.B)]
    public void Either_button_releases_for_ReleaseSeconds_then_the_door_relocks(DoorButton button)
    {
        using var h = DoorHarness.Free();
        h.Tap(button);

        Assert.False(h.Locked);
        Assert.Equal([ReleaseCauses.SingleButtonFree], h.ReleaseCausesSeen);
        h.Seconds(4.9);
        Assert.False(h.Locked);
        h.Seconds(0.1);
        Assert.True(h.Locked);
        Assert.Empty(h.Raised);
        Assert.False(h.Sounder);
    }

    [Fact]
    public void A_held_button_keeps_the_door_released_until_ReleaseSeconds_after_it_is_let_go()
    {
        using var h = DoorHarness.Free();
        h.Press(DoorButton.A);
        h.Seconds(60);
        Assert.False(h.Locked);

        h.LetGo(DoorButton.A);
        h.Seconds(4.9);
        Assert.False(h.Locked);
        h.Seconds(0.1);
        Assert.True(h.Locked);
        Assert.Empty(h.Raised);
        Assert.False(h.Sounder);
    }

    [Fact]
    public void A_decision_without_a_working_door_alarm_leaves_the_door_free()
    {
        using var h = new DoorHarness();
        h.Door.SetValidDecisions(["d-1"]);
        h.Door.Start();

        Assert.Equal(DoorMode.Free, h.Mode);
        Assert.Equal("door-alarm-unavailable", h.Of<DoorModeChanged>().Single().Reason);
    }

    [Fact]
    public void A_working_door_alarm_without_a_decision_leaves_the_door_free()
    {
        using var h = new DoorHarness();
        h.Door.SetDoorAlarmPath(true);
        h.Door.Start();

        Assert.Equal(DoorMode.Free, h.Mode);
        Assert.Equal("no-valid-decision", h.Of<DoorModeChanged>().Single().Reason);
    }
}

using Frikommune.Edge.Alarms;
using Frikommune.Edge.Doors;

namespace Frikommune.Edge.Tests.Doors;

public class ModeChangeTests
{
    [Fact]
    public void A_decision_expiring_during_a_release_lets_the_release_run_and_the_door_ends_free()
    {
        using var h = DoorHarness.Special();
        h.Tap(DoorButton.A);
        h.Tap(DoorButton.B);
        h.Seconds(2);

        h.Door.SetValidDecisions([]);

        var change = h.Of<DoorModeChanged>().Last();
        Assert.Equal((DoorMode.SpecialOpener, DoorMode.Free, "no-valid-decision"), (change.From, change.To, change.Reason));
        Assert.Equal(h.Time.GetUtcNow(), change.At);
        Assert.False(h.Locked);
        h.Seconds(2.9);
        Assert.False(h.Locked);
        h.Seconds(0.1);
        Assert.True(h.Locked);
        h.Tap(DoorButton.A);
        Assert.False(h.Locked);
    }

    [Fact]
    public void A_failing_door_alarm_turns_the_door_free_at_once()
    {
        using var h = DoorHarness.Special();
        h.Door.SetDoorAlarmPath(false);

        var change = h.Of<DoorModeChanged>().Last();
        Assert.Equal((DoorMode.Free, "door-alarm-unavailable"), (change.To, change.Reason));
        Assert.Equal(["d-2026-0042"], change.DecisionIds);
        h.Tap(DoorButton.A);
        Assert.False(h.Locked);
    }

    [Fact]
    public void A_pending_single_press_opens_the_door_when_it_turns_free_while_the_button_is_held()
    {
        using var h = DoorHarness.Special();
        h.Press(DoorButton.A);
        h.Door.SetDoorAlarmPath(false);

        Assert.False(h.Locked);
        h.Ms(1500);
        Assert.Empty(h.Raised);
    }

    [Fact]
    public void A_new_set_of_decisions_is_recorded_even_when_the_mode_stays()
    {
        using var h = DoorHarness.Special();
        h.Door.SetValidDecisions(["d-2026-0042", "d-2026-0050"]);

        var change = h.Of<DoorModeChanged>().Last();
        Assert.Equal((DoorMode.SpecialOpener, DoorMode.SpecialOpener), (change.From, change.To));
        Assert.Equal(["d-2026-0042", "d-2026-0050"], change.DecisionIds);
    }

    [Fact]
    public void The_same_decisions_again_record_nothing()
    {
        using var h = DoorHarness.Special();
        var count = h.Events.Count;
        h.Door.SetValidDecisions(["d-2026-0042"]);

        Assert.Equal(count, h.Events.Count);
    }

    [Fact]
    public void A_fault_releases_the_door_with_a_technical_alarm_until_cleared()
    {
        using var h = DoorHarness.Special();
        h.Door.SetFault("contact input stuck");

        Assert.Equal(DoorMode.Fault, h.Mode);
        Assert.False(h.Locked);
        Assert.Equal([AlarmKind.Technical], h.Raised);
        Assert.Equal("fault: contact input stuck", h.Of<DoorModeChanged>().Last().Reason);
        Assert.Equal(ReleaseCauses.Fault, h.ReleaseCausesSeen.Single());

        h.Door.SetFault(null);

        Assert.Equal(DoorMode.SpecialOpener, h.Mode);
        Assert.True(h.Locked);
    }

    [Fact]
    public void Fire_outranks_a_fault()
    {
        using var h = DoorHarness.Special();
        h.Door.SetFault("x");
        h.Door.SetFireAlarm(true);

        Assert.Equal(DoorMode.FireRelease, h.Mode);
        h.Door.SetFireAlarm(false);
        Assert.Equal(DoorMode.Fault, h.Mode);
        Assert.False(h.Locked);
    }
}

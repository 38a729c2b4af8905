using Frikommune.Edge.Alarms;
using Frikommune.Edge.Doors;

namespace Frikommune.Edge.Tests.Doors;

public class DoorStartStopTests
{
    [Fact]
    public void Start_releases_the_lock_before_anything_else_then_locks()
    {
        using var h = new DoorHarness();
        h.Door.Start();

        Assert.Equal(new LockOutputChanged("door-west", h.Time.GetUtcNow(), false), h.Events[0]);
        Assert.True(h.Locked);
        Assert.Equal(DoorMode.Free, h.Mode);
    }

    [Fact]
    public void Inputs_before_start_only_set_levels()
    {
        using var h = new DoorHarness();
        h.Door.SetContact(open: true);
        h.Press(DoorButton.A);

        Assert.Empty(h.Events);
    }

    [Fact]
    public void Start_with_the_door_open_stays_released_until_it_closes_and_raises_nothing()
    {
        using var h = new DoorHarness();
        h.Door.SetContact(open: true);
        h.Door.Start();

        Assert.False(h.Locked);
        Assert.DoesNotContain(AlarmKind.DoorForced, h.Raised);
        h.Door.SetContact(open: false);
        Assert.True(h.Locked);
    }

    [Fact]
    public void Start_during_a_fire_alarm_keeps_the_door_released()
    {
        using var h = new DoorHarness();
        h.Door.SetFireAlarm(true);
        h.Door.Start();

        Assert.False(h.Locked);
        Assert.DoesNotContain(h.Of<LockOutputChanged>(), e => e.Locked);
        Assert.Equal([AlarmKind.FireRelease], h.Raised);
    }

    [Fact]
    public void Stop_releases_the_lock_and_silences_the_sounder()
    {
        using var h = DoorHarness.Special();
        h.Tap(DoorButton.A);
        h.Seconds(2);
        Assert.True(h.Sounder);

        h.Door.Stop();

        Assert.False(h.Locked);
        Assert.False(h.Sounder);
    }

    [Fact]
    public void After_stop_inputs_and_timers_change_nothing()
    {
        using var h = DoorHarness.Special();
        h.Press(DoorButton.A);
        h.Door.Stop();
        var count = h.Events.Count;

        h.Seconds(60);
        h.Door.SetContact(open: true);

        Assert.Equal(count, h.Events.Count);
    }

    [Fact]
    public void Start_reports_the_mode_with_the_decisions_behind_it()
    {
        using var h = DoorHarness.Special();

        var mode = Assert.Single(h.Of<DoorModeChanged>());
        Assert.Null(mode.From);
        Assert.Equal(DoorMode.SpecialOpener, mode.To);
        Assert.Equal(["d-2026-0042"], mode.DecisionIds);
        Assert.Equal("decision", mode.Reason);
    }

    [Fact]
    public void State_changes_carry_mode_lock_contact_and_since()
    {
        using var h = DoorHarness.Special();
        h.Seconds(10);
        h.Door.StaffRelease("staff-1");

        var state = h.Of<DoorStateChanged>().Last().State;
        Assert.Equal(new DoorState(DoorMode.SpecialOpener, false, false, h.Time.GetUtcNow()), state);
        Assert.Equal(state, h.Door.State);
        Assert.Equal("special-opener", state.Mode.ToContractName());
    }
}

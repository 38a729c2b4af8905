using Frikommune.Edge.Alarms;
using Frikommune.Edge.Configuration;
using Microsoft.Extensions.Time.Testing;

namespace Frikommune.Edge.Tests.Alarms;

public class AlarmDeskTests
{
    static readonly DateTimeOffset Start = new(2026, 11, 23, 21, 4, 5, 123, TimeSpan.Zero);
    static readonly TimeSpan Period = TimeSpan.FromSeconds(60);

    readonly FakeTimeProvider time = new(Start);
    readonly CollectingOutbox outbox = new();
    readonly AlarmDesk desk;

    public AlarmDeskTests() => desk = new AlarmDesk("herning-bo1", new AlarmsOptions { AckTimeoutSeconds = 60 }, outbox, time);

    [Fact]
    public void Raise_emits_the_new_alarm_to_the_outbox()
    {
        var (alarm, isNew) = desk.Raise(AlarmKind.Seizure, AlarmSubject.InRoom("room-12"));

        Assert.True(isNew);
        Assert.Matches("^a-20261123210405123-[0-9a-z]{8}$", alarm.Id);
        Assert.Equal(new Alarm(alarm.Id, AlarmKind.Seizure, AlarmPriority.High, "herning-bo1", null, "room-12", Start,
            AlarmState.Raised, null, 0), alarm);
        var change = Assert.Single(outbox.Changes);
        Assert.Equal((AlarmChangeKind.Raised, alarm, Start), (change.Change, change.Alarm, change.At));
        Assert.Equal([alarm], desk.Open());
    }

    [Fact]
    public void Ids_are_unique()
    {
        var ids = Enumerable.Range(0, 500).Select(i => desk.Raise(AlarmKind.Technical, AlarmSubject.Technical($"t{i}")).Alarm.Id);
        Assert.Equal(500, ids.Distinct().Count());
    }

    [Fact]
    public void No_second_alarm_for_the_same_condition_while_one_is_open()
    {
        var first = desk.Raise(AlarmKind.BedExit, AlarmSubject.InRoom("room-12")).Alarm;
        desk.Acknowledge(first.Id, "staff-1");
        var again = desk.Raise(AlarmKind.BedExit, AlarmSubject.InRoom("room-12"));

        Assert.False(again.IsNew);
        Assert.Equal(first.Id, again.Alarm.Id);
        Assert.Single(outbox.Of(AlarmChangeKind.Raised));
    }

    [Fact]
    public void A_door_that_calls_again_after_staff_answered_raises_a_new_alarm_and_repeats_of_an_unanswered_call_do_not()
    {
        var door = AlarmSubject.AtDoor("door-west");
        var first = desk.Raise(AlarmKind.DoorAssistance, door).Alarm;
        Assert.False(desk.Raise(AlarmKind.DoorAssistance, door).IsNew); // pressed again before anyone answered
        desk.Acknowledge(first.Id, "staff-1");
        time.Advance(TimeSpan.FromHours(1));

        var second = desk.Raise(AlarmKind.DoorAssistance, door); // an hour later, the answered alarm still not resolved
        Assert.True(second.IsNew);
        Assert.Equal(AlarmPriority.High, second.Alarm.Priority);
        Assert.Equal([first.Id, second.Alarm.Id], desk.Open().Select(a => a.Id));

        desk.Resolve(first.Id, "staff-1"); // resolving the answered call leaves the new one holding the door
        Assert.Equal(second.Alarm.Id, desk.Raise(AlarmKind.DoorAssistance, door).Alarm.Id);
        Assert.Equal(2, outbox.Of(AlarmChangeKind.Raised).Count());
    }

    [Fact]
    public void After_a_restart_the_newest_call_holds_its_door()
    {
        var door = AlarmSubject.AtDoor("door-west");
        var answered = desk.Raise(AlarmKind.DoorAssistance, door).Alarm;
        desk.Acknowledge(answered.Id, "staff-1");
        time.Advance(TimeSpan.FromMinutes(5));
        var newer = desk.Raise(AlarmKind.DoorAssistance, door).Alarm;

        using var restarted = new AlarmDesk("herning-bo1", new AlarmsOptions { AckTimeoutSeconds = 60 }, new CollectingOutbox(), time);
        restarted.Restore([newer, desk.Find(answered.Id)!]); // storage order is not raise order
        Assert.Equal(newer.Id, restarted.Raise(AlarmKind.DoorAssistance, door).Alarm.Id);
    }

    [Fact]
    public void Other_kind_room_or_device_is_another_condition()
    {
        desk.Raise(AlarmKind.BedExit, AlarmSubject.InRoom("room-12"));
        Assert.True(desk.Raise(AlarmKind.BedExit, AlarmSubject.InRoom("room-13")).IsNew);
        Assert.True(desk.Raise(AlarmKind.MotionNight, AlarmSubject.InRoom("room-12")).IsNew);
        Assert.True(desk.Raise(AlarmKind.SensorSilent, AlarmSubject.Device("room-12", "bed-12")).IsNew);
        Assert.True(desk.Raise(AlarmKind.SensorSilent, AlarmSubject.Device("room-12", "pir-12")).IsNew);
        Assert.Equal(5, desk.Open().Count);
    }

    [Fact]
    public void After_resolve_the_condition_may_raise_a_new_alarm()
    {
        var first = desk.Raise(AlarmKind.MotionNight, AlarmSubject.InRoom("room-12")).Alarm;
        desk.Resolve(first.Id, "staff-1");
        var second = desk.Raise(AlarmKind.MotionNight, AlarmSubject.InRoom("room-12"));
        Assert.True(second.IsNew);
        Assert.NotEqual(first.Id, second.Alarm.Id);
    }

    [Fact]
    public void Unacknowledged_alarm_escalates_once_each_period()
    {
        var id = desk.Raise(AlarmKind.Seizure, AlarmSubject.InRoom("room-12")).Alarm.Id;

        time.Advance(Period - TimeSpan.FromMilliseconds(1));
        Assert.Empty(outbox.Of(AlarmChangeKind.Escalated));
        time.Advance(TimeSpan.FromMilliseconds(1));
        time.Advance(Period);
        time.Advance(Period);

        var escalations = outbox.Of(AlarmChangeKind.Escalated).ToList();
        Assert.Equal([1, 2, 3], escalations.Select(c => c.Alarm.Escalation));
        Assert.Equal([Start + Period, Start + 2 * Period, Start + 3 * Period], escalations.Select(c => c.At));
        Assert.All(escalations, c => Assert.Equal((id, AlarmState.Raised, Start), (c.Alarm.Id, c.Alarm.State, c.Alarm.RaisedAt)));
        Assert.Equal(3, desk.Find(id)!.Escalation);
    }

    [Fact]
    public void Acknowledge_records_the_staff_and_stops_escalation()
    {
        var id = desk.Raise(AlarmKind.Seizure, AlarmSubject.InRoom("room-12")).Alarm.Id;
        time.Advance(Period);
        time.Advance(TimeSpan.FromSeconds(10));

        var outcome = desk.Acknowledge(id, "staff-1");
        time.Advance(10 * Period);

        Assert.Equal(AlarmActionResult.Done, outcome.Result);
        Assert.Equal((AlarmState.Acknowledged, "staff-1", 1), (outcome.Alarm!.State, outcome.Alarm.AckedBy, outcome.Alarm.Escalation));
        Assert.Equal([AlarmChangeKind.Raised, AlarmChangeKind.Escalated, AlarmChangeKind.Acknowledged], outbox.Changes.Select(c => c.Change));
        Assert.Equal("staff-1", outbox.Changes[^1].By);
        Assert.Equal(AlarmState.Acknowledged, Assert.Single(desk.Open()).State);
    }

    [Fact]
    public void Second_acknowledge_changes_nothing()
    {
        var id = desk.Raise(AlarmKind.Seizure, AlarmSubject.InRoom("room-12")).Alarm.Id;
        desk.Acknowledge(id, "staff-1");
        var again = desk.Acknowledge(id, "staff-2");
        Assert.Equal(AlarmActionResult.AlreadyAcknowledged, again.Result);
        Assert.Equal("staff-1", again.Alarm!.AckedBy);
        Assert.Equal(2, outbox.Changes.Count);
    }

    [Fact]
    public void Resolve_closes_the_alarm_and_keeps_it_findable()
    {
        var id = desk.Raise(AlarmKind.Breathing, AlarmSubject.InRoom("room-12")).Alarm.Id;
        desk.Acknowledge(id, "staff-1");
        time.Advance(TimeSpan.FromMinutes(3));
        var outcome = desk.Resolve(id, "staff-2");

        Assert.Equal(AlarmActionResult.Done, outcome.Result);
        var resolved = outcome.Alarm!;
        Assert.Equal((AlarmState.Resolved, "staff-1", "staff-2", Start.AddMinutes(3)),
            (resolved.State, resolved.AckedBy, resolved.ResolvedBy, resolved.ResolvedAt));
        Assert.Equal(AlarmChangeKind.Resolved, outbox.Changes[^1].Change);
        Assert.Empty(desk.Open());
        Assert.Equal(resolved, desk.Find(id));
        Assert.Equal(AlarmActionResult.AlreadyResolved, desk.Acknowledge(id, "staff-1").Result);
        Assert.Equal(AlarmActionResult.AlreadyResolved, desk.Resolve(id, "staff-1").Result);
    }

    [Fact]
    public void Resolve_without_acknowledge_stops_escalation()
    {
        var id = desk.Raise(AlarmKind.Seizure, AlarmSubject.InRoom("room-12")).Alarm.Id;
        desk.Resolve(id, "staff-1");
        time.Advance(5 * Period);
        Assert.Empty(outbox.Of(AlarmChangeKind.Escalated));
        Assert.Null(desk.Find(id)!.AckedBy);
    }

    [Theory]
    [InlineData("")]
    [InlineData("staff 1")]
    [InlineData("staff/+/#")]
    public void Staff_id_must_be_a_reference(string staff)
    {
        var id = desk.Raise(AlarmKind.Seizure, AlarmSubject.InRoom("room-12")).Alarm.Id;
        Assert.Equal(AlarmActionResult.InvalidStaff, desk.Acknowledge(id, staff).Result);
        Assert.Equal(AlarmState.Raised, desk.Find(id)!.State);
    }

    [Fact]
    public void Unknown_alarm_is_not_found()
    {
        Assert.Equal(AlarmActionResult.NotFound, desk.Acknowledge("a-nope", "staff-1").Result);
        Assert.Equal(AlarmActionResult.NotFound, desk.Resolve("a-nope", "staff-1").Result);
    }

    [Theory]
    [InlineData(AlarmKind.DoorAssistance, AlarmPriority.High)]
    [InlineData(AlarmKind.DoorForced, AlarmPriority.High)]
    [InlineData(AlarmKind.DoorHeldOpen, AlarmPriority.Medium)]
    [InlineData(AlarmKind.FireRelease, AlarmPriority.High)]
    public void Door_alarms_point_at_the_door(AlarmKind kind, AlarmPriority priority)
    {
        var alarm = desk.Raise(kind, AlarmSubject.AtDoor("door-west")).Alarm;
        Assert.Equal(("door-west", (string?)null, priority), (alarm.Door, alarm.Room, alarm.Priority));
    }

    [Fact]
    public void Condition_that_clears_by_itself_resolves_its_open_alarm()
    {
        var held = desk.Raise(AlarmKind.DoorHeldOpen, AlarmSubject.AtDoor("door-west")).Alarm;
        var outcome = desk.ResolveOpen(AlarmKind.DoorHeldOpen, AlarmSubject.AtDoor("door-west"), "gateway");
        Assert.Equal((AlarmActionResult.Done, held.Id, "gateway"), (outcome.Result, outcome.Alarm!.Id, outcome.Alarm.ResolvedBy));
        Assert.Equal(AlarmActionResult.NotFound, desk.ResolveOpen(AlarmKind.DoorHeldOpen, AlarmSubject.AtDoor("door-west"), "gateway").Result);
    }

    [Fact]
    public void Technical_alarm_has_neither_door_nor_room()
    {
        var alarm = desk.Raise(AlarmKind.Technical, AlarmSubject.Technical("clock")).Alarm;
        Assert.Equal(((string?)null, (string?)null, "clock", AlarmPriority.Medium), (alarm.Door, alarm.Room, alarm.Source, alarm.Priority));
    }

    [Fact]
    public void Failing_outbox_leaves_the_desk_unchanged()
    {
        outbox.Fails = true;
        Assert.Throws<IOException>(() => desk.Raise(AlarmKind.Seizure, AlarmSubject.InRoom("room-12")));
        Assert.Empty(desk.Open());

        outbox.Fails = false;
        var id = desk.Raise(AlarmKind.Seizure, AlarmSubject.InRoom("room-12")).Alarm.Id;
        outbox.Fails = true;
        Assert.Throws<IOException>(() => desk.Acknowledge(id, "staff-1"));
        time.Advance(Period);
        Assert.Equal((AlarmState.Raised, 0), (desk.Find(id)!.State, desk.Find(id)!.Escalation));

        outbox.Fails = false;
        time.Advance(Period);
        Assert.Equal(1, desk.Find(id)!.Escalation);
    }

    [Fact]
    public void Restored_alarms_block_duplicates_and_escalate_again()
    {
        var stored = new Alarm("a-1", AlarmKind.SensorSilent, AlarmPriority.Low, "herning-bo1", null, "room-12",
            Start.AddHours(-1), AlarmState.Raised, null, 4) { Source = "bed-12" };
        var acked = stored with { Id = "a-2", Kind = AlarmKind.Seizure, State = AlarmState.Acknowledged, AckedBy = "staff-1", Source = null };
        desk.Restore([stored, acked, stored with { Id = "a-3", State = AlarmState.Resolved }]);

        Assert.Equal(["a-1", "a-2"], desk.Open().Select(a => a.Id).Order());
        Assert.False(desk.Raise(AlarmKind.SensorSilent, AlarmSubject.Device("room-12", "bed-12")).IsNew);
        time.Advance(Period);
        Assert.Equal(("a-1", 5), (Assert.Single(outbox.Changes).Alarm.Id, desk.Find("a-1")!.Escalation));
    }

    [Fact]
    public void Recent_holds_open_alarms_and_those_resolved_within_the_window()
    {
        var old = desk.Raise(AlarmKind.Seizure, AlarmSubject.InRoom("room-12")).Alarm;
        desk.Resolve(old.Id, "staff-1");
        time.Advance(TimeSpan.FromMinutes(10));
        var fresh = desk.Raise(AlarmKind.BedExit, AlarmSubject.InRoom("room-12")).Alarm;
        desk.Resolve(fresh.Id, "staff-1");
        var open = desk.Raise(AlarmKind.MotionNight, AlarmSubject.InRoom("room-13")).Alarm;

        Assert.Equal([open.Id, fresh.Id], desk.Recent(TimeSpan.FromMinutes(5)).Select(a => a.Id));
    }
}

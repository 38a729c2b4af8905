using Frikommune.Edge.Alarms;
using Frikommune.Edge.Configuration;
using Frikommune.Edge.Notify;

namespace Frikommune.Edge.Tests.Notify;

public class RoutingTests
{
    static readonly DateTimeOffset At = new(2026, 11, 23, 21, 0, 0, TimeSpan.Zero);

    static Alarm Alarm(AlarmKind kind, string? room = null, string? door = null, AlarmPriority? priority = null) =>
        new("a-1", kind, priority ?? kind.Priority(new AlarmSubject(room, door)), "site", door, room, At, AlarmState.Raised, null, 0);

    static IReadOnlyList<Receiver> Receivers(params ReceiverOptions[] receivers) => Receiver.From(new NotifyOptions { Receivers = [.. receivers] });

    static string[] Ids(IEnumerable<Receiver> receivers) => receivers.Select(r => r.Id).Order().ToArray();

    readonly IReadOnlyList<Receiver> _site = Receivers(
        new ReceiverOptions { Id = "all", CallAddress = "100" },
        new ReceiverOptions { Id = "room12", CallAddress = "112", Rooms = ["room-12"] },
        new ReceiverOptions { Id = "west", CallAddress = "150", Doors = ["door-west"], Kinds = ["door-assistance", "door-forced"] },
        new ReceiverOptions { Id = "places", CallAddress = "160", Rooms = ["room-14"], Doors = ["door-west"] },
        new ReceiverOptions { Id = "leader", CallAddress = "199", Level = 1, Priorities = ["high"] },
        new ReceiverOptions { Id = "manager", CallAddress = "299", Level = 3, Priorities = ["high"] });

    [Fact]
    public void A_receiver_without_routing_keys_takes_every_alarm_at_level_0()
    {
        Assert.Equal(["all"], Ids(Routing.For(Alarm(AlarmKind.Technical), 0, _site)));
        Assert.Equal(["all", "room12"], Ids(Routing.For(Alarm(AlarmKind.Seizure, room: "room-12"), 0, _site)));
    }

    [Fact]
    public void Kinds_priorities_rooms_and_doors_narrow_what_a_receiver_takes()
    {
        Assert.Equal(["all", "places", "west"], Ids(Routing.For(Alarm(AlarmKind.DoorForced, door: "door-west"), 0, _site)));
        Assert.Equal(["all", "places"], Ids(Routing.For(Alarm(AlarmKind.DoorHeldOpen, door: "door-west"), 0, _site)));
        Assert.Equal(["all", "places"], Ids(Routing.For(Alarm(AlarmKind.BedExit, room: "room-14"), 0, _site)));
        Assert.Equal(["all"], Ids(Routing.For(Alarm(AlarmKind.BedExit, room: "room-16"), 0, _site)));
    }

    [Fact]
    public void Escalation_n_goes_to_level_n_then_the_next_level_up_and_past_the_top_stays_at_the_top()
    {
        var seizure = Alarm(AlarmKind.Seizure, room: "room-12");
        Assert.Equal(["leader"], Ids(Routing.For(seizure, 1, _site)));
        Assert.Equal(["manager"], Ids(Routing.For(seizure, 2, _site)));
        Assert.Equal(["manager"], Ids(Routing.For(seizure, 7, _site)));
        var motion = Alarm(AlarmKind.MotionNight, room: "room-12", priority: AlarmPriority.Medium);
        Assert.Equal(["all", "room12"], Ids(Routing.For(motion, 3, _site)));
    }

    [Fact]
    public void The_next_level_after_a_failure_is_the_nearest_level_above_that_takes_the_alarm()
    {
        var seizure = Alarm(AlarmKind.Seizure, room: "room-12");
        Assert.Equal(1, Routing.NextLevel(seizure, 0, _site));
        Assert.Equal(3, Routing.NextLevel(seizure, 1, _site));
        Assert.Null(Routing.NextLevel(seizure, 3, _site));
        Assert.Null(Routing.NextLevel(Alarm(AlarmKind.MotionNight, room: "room-12", priority: AlarmPriority.Low), 0, _site));
    }
}

using System.Text.Json;
using Frikommune.Edge.Alarms;
using Frikommune.Edge.Configuration;
using Frikommune.Edge.Doors;
using Microsoft.Extensions.Time.Testing;

namespace Frikommune.Edge.Tests.Alarms;

/// <summary>
/// One priority table: each kind's priority as published in the CONTRACT § 4 payload, whoever raises it. A door's
/// own view of its alarm (<see cref="DoorAlarmRaised.Priority"/>, Doors/README.md) is the one the desk publishes.
/// </summary>
public class AlarmPriorityTests
{
    readonly CollectingOutbox outbox = new();
    readonly AlarmDesk desk;

    public AlarmPriorityTests() =>
        desk = new AlarmDesk("herning-bo1", new AlarmsOptions { AckTimeoutSeconds = 60 }, outbox, new FakeTimeProvider());

    string Published(AlarmKind kind, AlarmSubject subject)
    {
        desk.Raise(kind, subject);
        using var json = JsonDocument.Parse(AlarmJson.ToJson(outbox.Changes.Last().Alarm));
        return json.RootElement.GetProperty("priority").GetString()!;
    }

    public static TheoryData<AlarmKind, string, string> Table => new()
    {
        { AlarmKind.DoorAssistance, "door", "high" },
        { AlarmKind.DoorForced, "door", "high" },
        { AlarmKind.DoorHeldOpen, "door", "medium" },
        { AlarmKind.FireRelease, "door", "high" },
        { AlarmKind.Technical, "door", "high" },
        { AlarmKind.Technical, "gateway", "medium" },
        { AlarmKind.Seizure, "room", "high" },
        { AlarmKind.Breathing, "room", "high" },
        { AlarmKind.HeartRate, "room", "high" },
        { AlarmKind.BedExit, "room", "medium" },
        { AlarmKind.MotionNight, "room", "low" },
        { AlarmKind.SensorSilent, "device", "low" },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Each_kind_is_published_with_its_priority(AlarmKind kind, string where, string priority)
    {
        var subject = where switch
        {
            "door" => new AlarmSubject(Door: "door-west", Source: kind == AlarmKind.Technical ? "gpio" : null),
            "room" => AlarmSubject.InRoom("room-12"),
            "device" => AlarmSubject.Device("room-12", "pir-12"),
            _ => AlarmSubject.Technical("clock"),
        };
        Assert.Equal(priority, Published(kind, subject));
    }

    [Fact]
    public void Every_kind_is_in_the_table()
    {
        var pinned = Table.Select(row => (AlarmKind)row[0]).ToHashSet();
        Assert.Equal(Enum.GetValues<AlarmKind>().ToHashSet(), pinned);
    }

    [Theory]
    [InlineData(AlarmKind.DoorAssistance, "high")]
    [InlineData(AlarmKind.DoorForced, "high")]
    [InlineData(AlarmKind.DoorHeldOpen, "medium")]
    [InlineData(AlarmKind.FireRelease, "high")]
    [InlineData(AlarmKind.Technical, "high")]
    public void A_door_alarm_is_published_with_the_priority_the_door_states(AlarmKind kind, string priority)
    {
        var raised = new DoorAlarmRaised("door-west", DateTimeOffset.UnixEpoch, kind);
        Assert.Equal((priority, priority), (raised.Priority, Published(raised.Kind, raised.Subject)));
    }
}

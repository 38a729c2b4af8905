using System.Text;
using Frikommune.Edge.Alarms;

namespace Frikommune.Edge.Tests.Alarms;

public class AlarmJsonTests
{
    static readonly Alarm RoomAlarm = new("a-20261123210405123-k3x9q2mf", AlarmKind.BedExit, AlarmPriority.Medium, "herning-bo1",
        null, "room-12", new DateTimeOffset(2026, 11, 23, 22, 4, 5, 123, TimeSpan.FromHours(1)), AlarmState.Raised, null, 0)
    { Source = "bed-12", ResolvedBy = "not-published" };

    [Fact]
    public void Room_alarm_is_written_exactly_as_the_contract_shows()
    {
        Assert.Equal(
            """{"id":"a-20261123210405123-k3x9q2mf","kind":"bed-exit","priority":"medium","site":"herning-bo1","room":"room-12","raisedAt":"2026-11-23T21:04:05.123Z","state":"raised","escalation":0}""",
            AlarmJson.ToJson(RoomAlarm));
    }

    [Fact]
    public void Acknowledged_door_alarm_carries_door_and_ackedBy()
    {
        var door = RoomAlarm with
        {
            Kind = AlarmKind.DoorAssistance, Priority = AlarmPriority.High, Door = "door-west", Room = null,
            RaisedAt = new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero), State = AlarmState.Acknowledged,
            AckedBy = "staff-1", Escalation = 2,
        };
        Assert.Equal(
            """{"id":"a-20261123210405123-k3x9q2mf","kind":"door-assistance","priority":"high","site":"herning-bo1","door":"door-west","raisedAt":"2026-03-29T01:00:00.000Z","state":"acknowledged","ackedBy":"staff-1","escalation":2}""",
            Encoding.UTF8.GetString(AlarmJson.ToUtf8Bytes(door)));
    }

    [Fact]
    public void Every_kind_has_its_contract_name()
    {
        string[] contract = ["door-assistance", "door-forced", "door-held-open", "fire-release", "seizure", "breathing",
            "heart-rate", "bed-exit", "motion-night", "sensor-silent", "technical"];
        Assert.Equal(contract, Enum.GetValues<AlarmKind>().Select(k => k.Name()));
        Assert.All(contract, name => Assert.True(AlarmNames.TryParseKind(name, out var kind) && kind.Name() == name));
        Assert.False(AlarmNames.TryParseKind("fire", out _));
    }

    [Theory]
    [InlineData("""{"staff":"staff-1"}""", "staff-1")]
    [InlineData("""{"note":{"a":[1]},"staff":"nurse.anna"}""", "nurse.anna")]
    public void Staff_payload_is_read(string json, string expected)
    {
        Assert.True(AlarmJson.TryReadStaff(Encoding.UTF8.GetBytes(json), out var staff));
        Assert.Equal(expected, staff);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("""{"staff":""}""")]
    [InlineData("""{"staff":42}""")]
    [InlineData("""{"staff":"has space"}""")]
    [InlineData("""{"staff":"staff-1"} trailing""")]
    [InlineData("""["staff-1"]""")]
    [InlineData("""{"staff":"staff-1""")]
    public void Anything_else_is_not_a_staff_payload(string json)
    {
        Assert.False(AlarmJson.TryReadStaff(Encoding.UTF8.GetBytes(json), out _));
    }
}

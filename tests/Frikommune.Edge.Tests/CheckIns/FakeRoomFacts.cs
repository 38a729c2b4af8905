using Frikommune.Edge.CheckIns;
using Frikommune.Edge.Decisions;

namespace Frikommune.Edge.Tests.CheckIns;

/// <summary>Mutable facts per room, read by the gate under its lock.</summary>
sealed class FakeRoomFacts : ICheckInFacts
{
    public sealed class Room
    {
        public bool CameraAvailable { get; set; } = true;
        public bool Objection { get; set; }
        public bool IndicatorWorks { get; set; } = true;
        public List<CheckInPolicy> Policies { get; } = [];
        public List<RecentAlarm> Alarms { get; } = [];
    }

    readonly Dictionary<string, Room> _rooms = new();

    public bool ClockTrusted { get; set; } = true;

    public Room this[string room] => _rooms.TryGetValue(room, out var r) ? r : _rooms[room] = new Room();

    public void Remove(string room) => _rooms.Remove(room);

    public CheckInFacts Read(string room) => _rooms.TryGetValue(room, out var r)
        ? new CheckInFacts(true, r.CameraAvailable, ClockTrusted, r.Objection, r.Policies.ToList(), r.Alarms.ToList(), r.IndicatorWorks)
        : CheckInFacts.UnknownRoom;
}

static class Policies
{
    public static CheckInPolicy Make(
        string id = "d-1", int maxSeconds = 30, int minGapSeconds = 600, int maxPer24h = 6,
        params string[] triggers) =>
        new(id, maxSeconds, minGapSeconds, maxPer24h,
            new HashSet<string>(triggers.Length == 0 ? [CheckInTriggers.StaffRequest] : triggers));
}

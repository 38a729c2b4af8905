using Frikommune.Edge.Alarms;
using Frikommune.Edge.Configuration;

namespace Frikommune.Edge.Notify;

/// <summary>A handset or group that alarms are called out to, and which alarms it takes at which escalation level.</summary>
public sealed record Receiver(string Id, string Kind, string CallAddress, ReceiverRoute Route)
{
    public static IReadOnlyList<Receiver> From(NotifyOptions options) => options.Receivers.Select(r => new Receiver(r.Id, r.Kind, r.CallAddress,
        new ReceiverRoute(
            r.Kinds.Select(k => AlarmNames.TryParseKind(k, out var kind) ? kind : (AlarmKind?)null).OfType<AlarmKind>().ToHashSet(),
            r.Priorities.Select(p => p switch { "high" => AlarmPriority.High, "medium" => AlarmPriority.Medium, _ => AlarmPriority.Low }).ToHashSet(),
            r.Rooms.ToHashSet(StringComparer.Ordinal), r.Doors.ToHashSet(StringComparer.Ordinal), r.Level))).ToList();
}

/// <summary>
/// Which alarms a receiver takes. An empty set means any. Rooms and doors together name places: an alarm in one
/// of the rooms or at one of the doors; a receiver that names places does not take alarms that have none (technical).
/// </summary>
public sealed record ReceiverRoute(IReadOnlySet<AlarmKind> Kinds, IReadOnlySet<AlarmPriority> Priorities,
    IReadOnlySet<string> Rooms, IReadOnlySet<string> Doors, int Level)
{
    public bool Takes(Alarm alarm) =>
        (Kinds.Count == 0 || Kinds.Contains(alarm.Kind))
        && (Priorities.Count == 0 || Priorities.Contains(alarm.Priority))
        && ((Rooms.Count == 0 && Doors.Count == 0)
            || (alarm.Room is { } room && Rooms.Contains(room))
            || (alarm.Door is { } door && Doors.Contains(door)));
}

using Frikommune.Edge.Alarms;
using Frikommune.Edge.Configuration;

namespace Frikommune.Edge.Notify;

/// <summary>
/// The display text of a call: what happened and where ("Epileptisk anfald – rum 12"), in Danish. Built from
/// the alarm's kind, room and door only, so a resident's name or reference can never reach a handset.
/// </summary>
public static class CallText
{
    public static string For(Alarm alarm, IEnumerable<DoorOptions> doors)
    {
        var what = alarm.Kind switch
        {
            AlarmKind.DoorAssistance => "Hjælp ved dør",
            AlarmKind.DoorForced => "Dør brudt op",
            AlarmKind.DoorHeldOpen => "Dør holdt åben",
            AlarmKind.FireRelease => "Brandfrigivelse af dør",
            AlarmKind.Seizure => "Epileptisk anfald",
            AlarmKind.Breathing => "Uregelmæssig vejrtrækning",
            AlarmKind.HeartRate => "Uregelmæssig puls",
            AlarmKind.BedExit => "Ude af sengen",
            AlarmKind.MotionNight => "Bevægelse om natten",
            AlarmKind.SensorSilent => "Sensor svarer ikke",
            _ => "Teknisk fejl",
        };
        var where = new List<string>();
        if (alarm.Room is { } room) where.Add("rum " + (room.StartsWith("room-", StringComparison.Ordinal) ? room[5..] : room));
        if (alarm.Door is { } door) where.Add(doors.FirstOrDefault(d => d.Id == door)?.Name is { Length: > 0 } name ? name : door);
        if (alarm.Kind == AlarmKind.Technical && alarm.Source is { } source) where.Add(source);
        var text = where.Count == 0 ? what : $"{what} – {string.Join(", ", where)}";
        return alarm.Escalation > 0 ? $"{text} (eskaleret {alarm.Escalation})" : text;
    }
}

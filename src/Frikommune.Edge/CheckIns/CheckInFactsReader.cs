using Frikommune.Edge.Alarms;
using Frikommune.Edge.Clock;
using Frikommune.Edge.Configuration;
using Frikommune.Edge.Decisions;

namespace Frikommune.Edge.CheckIns;

/// <summary>The gate's view of a room, read from the configuration, the decisions, objections and the alarm desk.</summary>
public sealed class CheckInFactsReader(RoomList rooms, CheckInsOptions options, RoomCameras cameras, IClockTrust clock, MeasureAuthority measures,
    AlarmDesk alarms, ICameraIndicators indicators) : ICheckInFacts
{
    public CheckInFacts Read(string room)
    {
        var config = rooms.FirstOrDefault(r => r.Id == room);
        if (config is null) return CheckInFacts.UnknownRoom;
        var answer = measures.Check(Measures.VideoCheckIn, config.Resident, room);
        var suspended = answer.Reason == MeasureAuthority.ObjectionReason;
        // Policies that survive an objection stand; the gate refuses "objection" only when none do.
        var policies = answer.Decisions.Where(d => d.CheckIn is not null).Select(ToPolicy).ToList();
        var recent = alarms.Recent(TimeSpan.FromSeconds(options.TriggerWindowSeconds))
            .Where(a => a.Room == room)
            .Select(a => new RecentAlarm(a.Kind.Name(), a.RaisedAt, a.IsOpen))
            .ToList();
        return new CheckInFacts(true, cameras.Has(room), clock.IsTrusted, suspended, policies, recent, indicators.Works(room));
    }

    static CheckInPolicy ToPolicy(Decision d) =>
        new(d.Id, d.CheckIn!.MaxSeconds, d.CheckIn.MinGapSeconds, d.CheckIn.MaxPer24h, d.CheckIn.Triggers.ToHashSet(), Bases.NeedsIndicator(d.Basis));
}

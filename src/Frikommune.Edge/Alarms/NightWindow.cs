using System.Globalization;
using Frikommune.Edge.Configuration;

namespace Frikommune.Edge.Alarms;

/// <summary>
/// The site's night in its own time zone. A night begins at the first instant the local clock shows
/// <see cref="From"/> and ends at the first instant it shows <see cref="To"/>: when a DST change skips the
/// time it begins at the change; when the time occurs twice, the first occurrence counts. From == To is no night.
/// </summary>
public sealed class NightWindow
{
    readonly TimeZoneInfo zone;

    public TimeOnly From { get; }
    public TimeOnly To { get; }

    public NightWindow(TimeOnly from, TimeOnly to, TimeZoneInfo zone)
    {
        From = from;
        To = to;
        this.zone = zone;
    }

    public static NightWindow For(SiteOptions site) => new(
        TimeOnly.ParseExact(site.Night.From, "HH:mm", CultureInfo.InvariantCulture),
        TimeOnly.ParseExact(site.Night.To, "HH:mm", CultureInfo.InvariantCulture),
        TimeZoneInfo.FindSystemTimeZoneById(site.TimeZone));

    public bool Contains(DateTimeOffset instant)
    {
        if (From == To) return false;
        var localDate = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);
        // The night holding this instant began today or, when it spans midnight, yesterday.
        for (var start = localDate.AddDays(-1); start <= localDate; start = start.AddDays(1))
        {
            var begins = Instant(start, From);
            var ends = Instant(From < To ? start : start.AddDays(1), To);
            if (instant >= begins && instant < ends) return true;
        }
        return false;
    }

    DateTimeOffset Instant(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local)) local = local.AddMinutes(1);
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }
}

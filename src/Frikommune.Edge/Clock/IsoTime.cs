using System.Globalization;

namespace Frikommune.Edge.Clock;

/// <summary>
/// The one time format of everything the gateway shows or sends (CONTRACT § 4): ISO 8601 UTC with milliseconds
/// and a <c>Z</c>, fixed width so text order is time order: <c>2026-11-23T21:04:05.123Z</c>.
/// </summary>
public static class IsoTime
{
    const string Pattern = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public static string Format(DateTimeOffset instant) => instant.UtcDateTime.ToString(Pattern, CultureInfo.InvariantCulture);

    /// <summary>Reads any ISO 8601 instant; one without an offset is taken as UTC.</summary>
    public static DateTimeOffset Parse(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}

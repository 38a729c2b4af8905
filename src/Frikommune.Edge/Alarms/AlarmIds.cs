using System.Security.Cryptography;

namespace Frikommune.Edge.Alarms;

/// <summary>
/// <c>a-20261123210405123-k3x9q2mf</c>: UTC time to the millisecond, so ids sort by time, and 40 random bits
/// so two gateways or a restart within the same millisecond never collide. Safe in an MQTT topic.
/// </summary>
public static class AlarmIds
{
    const string Alphabet = "0123456789abcdefghjkmnpqrstvwxyz";

    public static string New(DateTimeOffset now) =>
        $"a-{now.UtcDateTime:yyyyMMddHHmmssfff}-{RandomNumberGenerator.GetString(Alphabet, 8)}";
}

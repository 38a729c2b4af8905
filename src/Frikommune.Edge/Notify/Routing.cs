using Frikommune.Edge.Alarms;

namespace Frikommune.Edge.Notify;

/// <summary>
/// Who is called for an alarm: the receivers that take it at the level its escalation asks for. Escalation N
/// asks for level N; when no receiver taking the alarm serves N, the next level above it; past the highest
/// level, the highest level again, so an alarm nobody acknowledges keeps being called out.
/// </summary>
public static class Routing
{
    public static IReadOnlyList<Receiver> For(Alarm alarm, int level, IReadOnlyList<Receiver> receivers)
    {
        var taking = receivers.Where(r => r.Route.Takes(alarm)).ToList();
        if (taking.Count == 0) return [];
        var wanted = Math.Min(level, taking.Max(r => r.Route.Level));
        var chosen = taking.Select(r => r.Route.Level).Where(l => l >= wanted).Min();
        return taking.Where(r => r.Route.Level == chosen).ToList();
    }

    /// <summary>The level to call at once when a receiver of <paramref name="failedLevel"/> failed; null when none is above it.</summary>
    public static int? NextLevel(Alarm alarm, int failedLevel, IReadOnlyList<Receiver> receivers) =>
        receivers.Where(r => r.Route.Takes(alarm) && r.Route.Level > failedLevel).Select(r => (int?)r.Route.Level).Min();
}

namespace Frikommune.Edge.Clock;

/// <summary>The pure rule: may the wall clock be believed right now?</summary>
public static class ClockJudge
{
    /// <returns>null when trusted, else why not.</returns>
    public static string? Judge(DateTimeOffset now, DateTimeOffset? highWaterMark, DateTimeOffset buildDate,
        TimeSpan tolerance, bool requireSync, bool? kernelSynchronised)
    {
        if (now < buildDate)
            return $"the clock ({now:u}) is earlier than this program's build date ({buildDate:yyyy-MM-dd})";
        if (highWaterMark is { } mark && now < mark - tolerance)
            return $"the clock ({now:u}) is earlier than a time already seen ({mark:u}); it was set back";
        if (requireSync && kernelSynchronised != true)
            return kernelSynchronised is null
                ? "the kernel's NTP state cannot be read (Clock:RequireSync is true)"
                : "the kernel reports the clock is not synchronised (Clock:RequireSync is true)";
        return null;
    }
}

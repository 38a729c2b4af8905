namespace Frikommune.Edge.Benchmarks.Mqtt;

/// <summary>
/// CPU time from /proc, for processes .NET cannot ask once they have exited: a child's own time, the time of the
/// children this process has reaped (every finished <c>mosquitto_pub</c> run), and the whole machine's busy time, so a
/// burst can say how much of the two cores went to other people's builds.
/// </summary>
static class ProcessCpu
{
    // Linux's USER_HZ: /proc counts CPU time in ticks of 1/100 s on every architecture .NET runs on.
    const double TicksPerSecond = 100;

    /// <summary>User + system time of a running process; zero once it is gone.</summary>
    public static TimeSpan Of(int pid) => Fields(pid) is { } f ? Ticks(f[10] + f[11]) : TimeSpan.Zero;

    /// <summary>User + system time of this process's children that have exited and been waited for.</summary>
    public static TimeSpan ReapedChildren() => Fields(Environment.ProcessId) is { } f ? Ticks(f[12] + f[13]) : TimeSpan.Zero;

    /// <summary>All cores' busy time (everything but idle and iowait) since boot, from the first line of /proc/stat.</summary>
    public static TimeSpan MachineBusy()
    {
        var v = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(long.Parse).ToArray();
        // user nice system idle iowait irq softirq steal (guest time is already inside user)
        return Ticks(v[0] + v[1] + v[2] + v[5] + v[6] + v[7]);
    }

    /// <summary>
    /// How long the process's threads were runnable but waited for a core (sum of /proc/pid/task/*/schedstat's second
    /// field): high while a burst is slow means the process was starved by others; low means it was waiting on someone.
    /// </summary>
    public static TimeSpan RunQueueWait(int pid)
    {
        long ns = 0;
        try
        {
            foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
            {
                try { ns += long.Parse(File.ReadAllText(Path.Combine(task, "schedstat")).Split(' ')[1]); }
                catch (IOException) { } // a thread that ended meanwhile
            }
        }
        catch (IOException) { }
        return TimeSpan.FromTicks(ns / 100);
    }

    static TimeSpan Ticks(long ticks) => TimeSpan.FromSeconds(ticks / TicksPerSecond);

    /// <summary>The fields of /proc/pid/stat after the command name (which may hold spaces) and the state: [0] is field 4 (ppid), [10] utime.</summary>
    static long[]? Fields(int pid)
    {
        string text;
        try { text = File.ReadAllText($"/proc/{pid}/stat"); }
        catch (IOException) { return null; }
        return text[(text.LastIndexOf(')') + 2)..].Split(' ').Skip(1).Take(20).Select(s => long.TryParse(s, out var n) ? n : 0).ToArray();
    }
}

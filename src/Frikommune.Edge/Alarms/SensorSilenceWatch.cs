using Frikommune.Edge.Sensors;

namespace Frikommune.Edge.Alarms;

/// <summary>
/// A <c>sensor-silent</c> alarm when a sensor has not spoken for the configured time. It is about the
/// device, so it needs no decision. Hearing a sensor only stores a time; one timer per sensor checks it.
/// While silence lasts the check repeats each period; the desk keeps it to one open alarm per sensor.
/// </summary>
sealed class SensorSilenceWatch : IDisposable
{
    sealed class Watched(SensorBinding sensor, long lastHeardTicks)
    {
        public readonly SensorBinding Sensor = sensor;
        public long LastHeardTicks = lastHeardTicks;
        public ITimer? Timer;
    }

    readonly TimeSpan silentAfter;
    readonly AlarmDesk desk;
    readonly TimeProvider time;
    readonly Dictionary<string, Watched> sensors = new(StringComparer.Ordinal);

    public SensorSilenceWatch(IEnumerable<SensorBinding> bindings, TimeSpan silentAfter, AlarmDesk desk, TimeProvider time)
    {
        this.silentAfter = silentAfter;
        this.desk = desk;
        this.time = time;
        var now = time.GetUtcNow().UtcTicks;
        foreach (var sensor in bindings) sensors[sensor.Id] = new Watched(sensor, now);
        foreach (var watched in sensors.Values)
            lock (watched) watched.Timer = time.CreateTimer(Check, watched, silentAfter, Timeout.InfiniteTimeSpan);
    }

    public void Heard(SensorBinding sensor)
    {
        if (sensors.TryGetValue(sensor.Id, out var watched))
            Volatile.Write(ref watched.LastHeardTicks, time.GetUtcNow().UtcTicks);
    }

    void Check(object? state)
    {
        var watched = (Watched)state!;
        var silentFor = TimeSpan.FromTicks(time.GetUtcNow().UtcTicks - Volatile.Read(ref watched.LastHeardTicks));
        try
        {
            if (silentFor >= silentAfter)
                desk.Raise(AlarmKind.SensorSilent, AlarmSubject.Device(watched.Sensor.Room, watched.Sensor.Id));
        }
        finally
        {
            var next = silentFor >= silentAfter ? silentAfter : silentAfter - silentFor;
            lock (watched) watched.Timer?.Change(next, Timeout.InfiniteTimeSpan);
        }
    }

    public void Dispose()
    {
        foreach (var watched in sensors.Values)
            lock (watched) { watched.Timer?.Dispose(); watched.Timer = null; }
    }
}

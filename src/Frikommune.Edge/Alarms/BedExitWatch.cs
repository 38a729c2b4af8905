using Frikommune.Edge.Sensors;
using Frikommune.Edge.Decisions;

namespace Frikommune.Edge.Alarms;

/// <summary>Out of bed at night: a <c>bed-exit</c> alarm unless the sensor reports in bed again within the grace.</summary>
sealed class BedExitWatch : IDisposable
{
    readonly TimeSpan grace;
    readonly AlarmDesk desk;
    readonly IMeasureGate gate;
    readonly TimeProvider time;
    readonly Lock sync = new();
    readonly Dictionary<string, ITimer> pending = new(StringComparer.Ordinal);

    public BedExitWatch(TimeSpan grace, AlarmDesk desk, IMeasureGate gate, TimeProvider time)
    {
        this.grace = grace;
        this.desk = desk;
        this.gate = gate;
        this.time = time;
    }

    /// <summary>Starts the grace unless one is already running: a repeated out-of-bed does not postpone the alarm.</summary>
    public void OutOfBed(SensorBinding sensor)
    {
        if (grace <= TimeSpan.Zero) { RaiseIfStillAllowed(sensor); return; }
        lock (sync)
        {
            if (pending.ContainsKey(sensor.Id)) return;
            pending[sensor.Id] = time.CreateTimer(_ => GraceOver(sensor), null, grace, Timeout.InfiniteTimeSpan);
        }
    }

    public void BackInBed(SensorBinding sensor)
    {
        lock (sync)
            if (pending.Remove(sensor.Id, out var timer)) timer.Dispose();
    }

    void GraceOver(SensorBinding sensor)
    {
        lock (sync)
        {
            if (!pending.Remove(sensor.Id, out var timer)) return;
            timer.Dispose();
        }
        RaiseIfStillAllowed(sensor);
    }

    // The decision may have ended or an objection been recorded during the grace (LEGAL.md rule 1).
    void RaiseIfStillAllowed(SensorBinding sensor)
    {
        if (gate.InForce(sensor.Measure, sensor.Resident, sensor.Room))
            desk.Raise(AlarmKind.BedExit, AlarmSubject.InRoom(sensor.Room));
    }

    public void Dispose()
    {
        lock (sync)
        {
            foreach (var timer in pending.Values) timer.Dispose();
            pending.Clear();
        }
    }
}

using Frikommune.Edge.Configuration;
using Frikommune.Edge.Sensors;
using Frikommune.Edge.Decisions;

namespace Frikommune.Edge.Alarms;

/// <summary>
/// Turns the readings the intake let through into alarms on the desk. Sleep events alarm at once;
/// getting out of bed alarms only at night and only if the resident is not back within the grace;
/// motion alarms only at night. The gateway's clock decides, never the sensor's <c>ts</c>.
/// </summary>
public sealed class SensorAlarmRules : ISensorObserver, IDisposable
{
    readonly NightWindow night;
    readonly AlarmDesk desk;
    readonly TimeProvider time;
    readonly BedExitWatch bedExits;
    readonly SensorSilenceWatch silence;

    public SensorAlarmRules(IEnumerable<SensorBinding> sensors, NightWindow night, AlarmsOptions options,
        AlarmDesk desk, IMeasureGate gate, TimeProvider time)
    {
        this.night = night;
        this.desk = desk;
        this.time = time;
        bedExits = new BedExitWatch(TimeSpan.FromSeconds(options.BedExitGraceSeconds), desk, gate, time);
        silence = new SensorSilenceWatch(sensors, TimeSpan.FromMinutes(options.SensorSilentMinutes), desk, time);
    }

    public void Heard(SensorBinding sensor) => silence.Heard(sensor);

    public void Observe(SensorBinding sensor, SensorReading reading)
    {
        var room = AlarmSubject.InRoom(sensor.Room);
        switch (reading.Signal)
        {
            case SensorSignal.Seizure: desk.Raise(AlarmKind.Seizure, room); break;
            case SensorSignal.BreathingIrregular: desk.Raise(AlarmKind.Breathing, room); break;
            case SensorSignal.HeartRateIrregular: desk.Raise(AlarmKind.HeartRate, room); break;
            case SensorSignal.InBed: bedExits.BackInBed(sensor); break;
            case SensorSignal.OutOfBed when night.Contains(time.GetUtcNow()): bedExits.OutOfBed(sensor); break;
            case SensorSignal.Motion when night.Contains(time.GetUtcNow()):
                desk.Raise(AlarmKind.MotionNight, room);
                break;
        }
    }

    public void Dispose()
    {
        bedExits.Dispose();
        silence.Dispose();
    }
}

namespace Frikommune.Edge.Sensors;

public enum SensorKind : byte { Sleep, Motion }

public enum SensorFormat : byte { Native, Zigbee2Mqtt }

/// <summary>What a payload says. <see cref="Status"/> carries only device facts, nothing about the resident.</summary>
public enum SensorSignal : byte
{
    Status,
    Motion,
    NoMotion,
    InBed,
    OutOfBed,
    Seizure,
    BreathingIrregular,
    HeartRateIrregular,
}

/// <summary>The measures (LEGAL.md) a sensor's resident data needs.</summary>
public static class SensorMeasures
{
    public const string SleepMonitoring = "sleep-monitoring"; // sensorbaseret søvnmonitorering, § 14f
    public const string MotionMonitoring = "motion-monitoring"; // bevægelsesovervågning, §§ 14, 14c, 14e

    public static string For(SensorKind kind) => kind == SensorKind.Sleep ? SleepMonitoring : MotionMonitoring;
}

using Frikommune.Edge.Alarms;
using Frikommune.Edge.Configuration;
using Frikommune.Edge.Sensors;
using Frikommune.Edge.Tests.Sensors;
using Microsoft.Extensions.Time.Testing;

namespace Frikommune.Edge.Tests.Alarms;

public class SensorAlarmRulesTests
{
    static readonly DateTimeOffset Night = new(2026, 11, 23, 21, 30, 0, TimeSpan.Zero); // 22:30 in Copenhagen
    static readonly DateTimeOffset Day = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);    // 13:00
    static readonly SensorBinding Bed = new("bed-12", SensorKind.Sleep, SensorFormat.Native, "room-12", "resident-7f3a", "t/bed-12");
    static readonly SensorBinding Pir = new("pir-12", SensorKind.Motion, SensorFormat.Zigbee2Mqtt, "room-12", "resident-7f3a", "t/pir-12");
    static readonly TimeSpan Grace = TimeSpan.FromSeconds(120);

    FakeTimeProvider time = new(Night);
    readonly CollectingOutbox outbox = new();
    readonly FakeMeasureGate gate = new();
    AlarmDesk? desk;
    SensorAlarmRules? rules;

    SensorAlarmRules Rules(DateTimeOffset? start = null, int graceSeconds = 120)
    {
        time = new FakeTimeProvider(start ?? Night);
        var options = new AlarmsOptions { AckTimeoutSeconds = 60, BedExitGraceSeconds = graceSeconds, SensorSilentMinutes = 90 };
        desk = new AlarmDesk("herning-bo1", options, outbox, time);
        var site = new SiteOptions { TimeZone = "Europe/Copenhagen", Night = new NightOptions { From = "22:00", To = "07:00" } };
        return rules = new SensorAlarmRules([Bed, Pir], NightWindow.For(site), options, desk, gate, time);
    }

    List<Alarm> Raised => outbox.Of(AlarmChangeKind.Raised).Select(c => c.Alarm).ToList();

    void Send(SensorBinding sensor, SensorSignal signal)
    {
        rules!.Heard(sensor);
        rules.Observe(sensor, new SensorReading(signal));
    }

    [Theory]
    [InlineData(SensorSignal.Seizure, AlarmKind.Seizure)]
    [InlineData(SensorSignal.BreathingIrregular, AlarmKind.Breathing)]
    [InlineData(SensorSignal.HeartRateIrregular, AlarmKind.HeartRate)]
    public void Sleep_events_raise_high_alarms_at_once_day_or_night(SensorSignal signal, AlarmKind kind)
    {
        Rules(Day);
        Send(Bed, signal);
        var alarm = Assert.Single(Raised);
        Assert.Equal((kind, AlarmPriority.High, "room-12", Day), (alarm.Kind, alarm.Priority, alarm.Room, alarm.RaisedAt));
    }

    [Fact]
    public void Out_of_bed_at_night_without_return_raises_bed_exit_after_the_grace()
    {
        Rules();
        Send(Bed, SensorSignal.OutOfBed);
        time.Advance(Grace - TimeSpan.FromSeconds(1));
        Assert.Empty(Raised);
        time.Advance(TimeSpan.FromSeconds(1));

        var alarm = Assert.Single(Raised);
        Assert.Equal((AlarmKind.BedExit, AlarmPriority.Medium, "room-12", Night + Grace), (alarm.Kind, alarm.Priority, alarm.Room, alarm.RaisedAt));
    }

    [Fact]
    public void Back_in_bed_within_the_grace_raises_nothing()
    {
        Rules();
        Send(Bed, SensorSignal.OutOfBed);
        time.Advance(Grace - TimeSpan.FromSeconds(5));
        Send(Bed, SensorSignal.InBed);
        time.Advance(TimeSpan.FromHours(1));
        Assert.Empty(Raised);
    }

    [Fact]
    public void Repeated_out_of_bed_does_not_postpone_the_alarm()
    {
        Rules();
        Send(Bed, SensorSignal.OutOfBed);
        time.Advance(TimeSpan.FromSeconds(100));
        Send(Bed, SensorSignal.OutOfBed);
        time.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(Night + Grace, Assert.Single(Raised).RaisedAt);
    }

    [Fact]
    public void Out_of_bed_during_the_day_raises_nothing()
    {
        Rules(Day);
        Send(Bed, SensorSignal.OutOfBed);
        time.Advance(TimeSpan.FromHours(1));
        Assert.Empty(Raised);
    }

    [Fact]
    public void Zero_grace_raises_bed_exit_at_once()
    {
        Rules(graceSeconds: 0);
        Send(Bed, SensorSignal.OutOfBed);
        Assert.Equal(AlarmKind.BedExit, Assert.Single(Raised).Kind);
    }

    [Fact]
    public void Decision_ending_during_the_grace_means_no_bed_exit()
    {
        Rules();
        Send(Bed, SensorSignal.OutOfBed);
        gate.Allows = false;
        time.Advance(Grace);
        Assert.Empty(Raised);
    }

    [Fact]
    public void Out_of_bed_just_before_spring_forward_is_still_night_after_the_jump()
    {
        Rules(new DateTimeOffset(2026, 3, 29, 0, 59, 30, TimeSpan.Zero)); // 01:59:30 CET
        Send(Bed, SensorSignal.OutOfBed);
        time.Advance(Grace);                                               // 03:01:30 CEST
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 1, 30, TimeSpan.Zero), Assert.Single(Raised).RaisedAt);
    }

    [Fact]
    public void Out_of_bed_after_seven_summer_time_on_the_spring_forward_morning_is_day()
    {
        Rules(new DateTimeOffset(2026, 3, 29, 5, 30, 0, TimeSpan.Zero)); // 07:30 CEST, 06:30 by the winter offset
        Send(Bed, SensorSignal.OutOfBed);
        time.Advance(Grace);
        Assert.Empty(Raised);
    }

    [Fact]
    public void Out_of_bed_in_the_extra_hour_of_fall_back_is_night()
    {
        Rules(new DateTimeOffset(2026, 10, 25, 5, 30, 0, TimeSpan.Zero)); // 06:30 CET, 07:30 by the summer offset
        Send(Bed, SensorSignal.OutOfBed);
        time.Advance(Grace);
        Assert.Equal(AlarmKind.BedExit, Assert.Single(Raised).Kind);
    }

    [Fact]
    public void Motion_at_night_raises_one_low_alarm_while_open()
    {
        Rules();
        Send(Pir, SensorSignal.Motion);
        Send(Pir, SensorSignal.NoMotion);
        time.Advance(TimeSpan.FromMinutes(2));
        Send(Pir, SensorSignal.Motion);

        var alarm = Assert.Single(Raised);
        Assert.Equal((AlarmKind.MotionNight, AlarmPriority.Low, "room-12"), (alarm.Kind, alarm.Priority, alarm.Room));
        desk!.Resolve(alarm.Id, "staff-1");
        Send(Pir, SensorSignal.Motion);
        Assert.Equal(2, Raised.Count);
    }

    [Fact]
    public void Motion_by_day_raises_nothing()
    {
        Rules(Day);
        Send(Pir, SensorSignal.Motion);
        Assert.Empty(Raised);
    }

    [Fact]
    public void Silent_sensor_raises_a_low_alarm_about_the_device()
    {
        Rules(Day);
        Send(Bed, SensorSignal.InBed);
        time.Advance(TimeSpan.FromMinutes(90) - TimeSpan.FromSeconds(1));
        Assert.Empty(Raised);
        time.Advance(TimeSpan.FromSeconds(1));

        var alarms = Raised;
        Assert.Equal(2, alarms.Count);
        Assert.All(alarms, a => Assert.Equal((AlarmKind.SensorSilent, AlarmPriority.Low, "room-12"), (a.Kind, a.Priority, a.Room)));
        Assert.Equal(["bed-12", "pir-12"], alarms.Select(a => a.Source).Order());
    }

    [Fact]
    public void Speaking_restarts_the_silence_clock()
    {
        Rules(Day);
        time.Advance(TimeSpan.FromMinutes(60));
        Send(Bed, SensorSignal.InBed);
        Send(Pir, SensorSignal.NoMotion);
        time.Advance(TimeSpan.FromMinutes(89));
        Assert.Empty(Raised);
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(Day.AddMinutes(150), Raised[0].RaisedAt);
    }

    [Fact]
    public void Lasting_silence_gives_one_alarm_while_open_and_a_new_one_after_resolve()
    {
        Rules(Day);
        rules!.Heard(Pir);
        time.Advance(TimeSpan.FromMinutes(90));
        time.Advance(TimeSpan.FromMinutes(90));
        time.Advance(TimeSpan.FromMinutes(90));
        var bed = Raised.Where(a => a.Source == "bed-12").ToList();
        Assert.Single(bed);

        desk!.Resolve(bed[0].Id, "staff-1");
        time.Advance(TimeSpan.FromMinutes(90));
        Assert.Equal(2, Raised.Count(a => a.Source == "bed-12"));
    }

    [Fact]
    public void A_dropped_reading_still_keeps_the_sensor_silent_alarm_away()
    {
        Rules(Day);
        gate.Allows = false;
        var intake = new SensorIntake([Bed, Pir], gate, rules!);
        for (var i = 0; i < 4; i++)
        {
            time.Advance(TimeSpan.FromMinutes(60));
            Assert.Equal(IntakeStatus.Dropped, intake.Receive("bed-12", """{"event":"seizure"}"""u8).Status);
            Assert.Equal(IntakeStatus.Status, intake.Receive("pir-12", """{"battery":80}"""u8).Status);
        }
        Assert.Empty(Raised);
    }

    [Fact]
    public void Pressure_mat_on_zigbee2mqtt_raises_bed_exit_through_the_intake()
    {
        var mat = Bed with { Format = SensorFormat.Zigbee2Mqtt };
        Rules();
        var intake = new SensorIntake([mat], gate, rules!);
        intake.Receive("bed-12", """{"occupancy":false,"battery":90}"""u8);
        time.Advance(Grace);
        Assert.Equal(AlarmKind.BedExit, Assert.Single(Raised).Kind);
    }
}

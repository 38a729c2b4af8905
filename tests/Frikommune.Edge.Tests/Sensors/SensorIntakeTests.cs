using System.Buffers;
using Frikommune.Edge.Configuration;
using Frikommune.Edge.Sensors;

namespace Frikommune.Edge.Tests.Sensors;

public class SensorIntakeTests
{
    static readonly SensorBinding Bed = new("bed-12", SensorKind.Sleep, SensorFormat.Native, "room-12", "resident-7f3a", "p/sensors/bed-12");
    static readonly SensorBinding Pir = new("pir-12", SensorKind.Motion, SensorFormat.Zigbee2Mqtt, "room-12", "resident-7f3a", "zigbee2mqtt/pir-12");

    readonly FakeMeasureGate gate = new();
    readonly RecordingObserver observer = new();
    readonly SensorIntake intake;

    public SensorIntakeTests() => intake = new SensorIntake([Bed, Pir], gate, observer);

    [Fact]
    public void Reading_with_its_measure_in_force_reaches_the_rules()
    {
        var outcome = intake.Receive("bed-12", """{"event":"seizure"}"""u8);
        Assert.Equal(IntakeStatus.Accepted, outcome.Status);
        Assert.Equal([("sleep-monitoring", "resident-7f3a", "room-12")], gate.Asked);
        Assert.Equal(SensorSignal.Seizure, Assert.Single(observer.Observed).Reading.Signal);
        Assert.Equal(1, Counts("bed-12").Accepted);
    }

    [Fact]
    public void Motion_needs_motion_monitoring()
    {
        intake.Receive("pir-12", """{"occupancy":true}"""u8);
        Assert.Equal("motion-monitoring", Assert.Single(gate.Asked).Measure);
    }

    [Fact]
    public void Reading_without_its_measure_is_dropped_and_only_counted()
    {
        gate.Allows = false;
        var outcome = intake.Receive("bed-12", """{"event":"out-of-bed"}"""u8);
        intake.Receive("bed-12", """{"event":"in-bed"}"""u8);

        Assert.Equal(IntakeStatus.Dropped, outcome.Status);
        Assert.Equal(default, outcome.Reading);
        Assert.Empty(observer.Observed);
        var counts = Counts("bed-12");
        Assert.Equal(2, counts.Dropped);
        Assert.Equal(0, counts.Accepted);
    }

    [Fact]
    public void Dropped_reading_still_tells_that_the_device_spoke()
    {
        gate.Allows = false;
        intake.Receive("bed-12", """{"event":"in-bed"}"""u8);
        Assert.Equal(["bed-12"], observer.HeardFrom);
    }

    [Fact]
    public void Device_status_needs_no_decision()
    {
        gate.Allows = false;
        var outcome = intake.Receive("pir-12", """{"battery":40,"linkquality":99}"""u8);
        Assert.Equal(IntakeStatus.Status, outcome.Status);
        Assert.Equal(40, outcome.Reading.Battery);
        Assert.Empty(gate.Asked);
        Assert.Equal(["pir-12"], observer.HeardFrom);
        Assert.Equal(1, Counts("pir-12").Status);
    }

    [Fact]
    public void Malformed_payload_is_counted_by_reason_and_does_not_count_as_heard()
    {
        var outcome = intake.Receive("bed-12", """{"event":"dancing"}"""u8);
        intake.Receive("bed-12", [0xFF]);
        Assert.Equal(IntakeStatus.Rejected, outcome.Status);
        Assert.Equal(SensorRejection.UnknownEvent, outcome.Rejection);
        Assert.Empty(observer.HeardFrom);
        Assert.Empty(gate.Asked);
        var counts = Counts("bed-12");
        Assert.Equal(1, counts.Rejected["unknown-event"]);
        Assert.Equal(1, counts.Rejected["not-utf8"]);
        Assert.Equal(0, counts.Rejected["too-deep"]);
    }

    [Fact]
    public void Payload_on_a_configured_topic_is_decoded_in_that_sensors_format()
    {
        var outcome = intake.ReceiveOnTopic("zigbee2mqtt/pir-12", new ReadOnlySequence<byte>("""{"occupancy":true}"""u8.ToArray()));
        Assert.Equal(IntakeStatus.Accepted, outcome.Status);
        Assert.Equal(("pir-12", SensorSignal.Motion), (observer.Observed[0].Sensor, observer.Observed[0].Reading.Signal));
    }

    [Fact]
    public void Unknown_sensor_or_topic_is_reported_as_such()
    {
        Assert.Equal(IntakeStatus.UnknownSensor, intake.Receive("nope", """{"motion":true}"""u8).Status);
        Assert.Equal(IntakeStatus.UnknownSensor, intake.ReceiveOnTopic("zigbee2mqtt/other", ReadOnlySequence<byte>.Empty).Status);
        Assert.Empty(observer.HeardFrom);
    }

    [Fact]
    public void Bindings_come_from_the_rooms_configuration()
    {
        var rooms = new List<RoomOptions>
        {
            new() { Id = "room-12", Resident = "resident-7f3a", Sensors =
            [
                new() { Id = "bed-12", Kind = "sleep", Topic = "t/bed", Format = "native" },
                new() { Id = "pir-12", Kind = "motion", Topic = "zigbee2mqtt/pir-12", Format = "zigbee2mqtt" },
            ] },
        };
        Assert.Equal([Bed with { Topic = "t/bed" }, Pir], SensorBinding.From(rooms));
    }

    SensorCountsSnapshot Counts(string sensor) => intake.Counts().Single(c => c.SensorId == sensor);
}

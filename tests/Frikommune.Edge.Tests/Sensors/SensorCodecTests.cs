using System.Buffers;
using System.Text;
using CsCheck;
using Frikommune.Edge.Sensors;

namespace Frikommune.Edge.Tests.Sensors;

public class SensorCodecTests
{
    static SensorDecodeResult Native(SensorKind kind, string json) => SensorCodec.Decode(kind, SensorFormat.Native, Encoding.UTF8.GetBytes(json));
    static SensorDecodeResult Z2m(SensorKind kind, string json) => SensorCodec.Decode(kind, SensorFormat.Zigbee2Mqtt, Encoding.UTF8.GetBytes(json));

    [Theory]
    [InlineData("""{"motion":true}""", SensorSignal.Motion)]
    [InlineData("""{"motion":false}""", SensorSignal.NoMotion)]
    [InlineData(""" { "motion" : true , "extra": {"nested": [1, 2, {"x": null}]} } """, SensorSignal.Motion)]
    public void Native_motion_sensor_reads_motion(string json, SensorSignal expected)
    {
        var result = Native(SensorKind.Motion, json);
        Assert.True(result.IsReading, result.Detail);
        Assert.Equal(expected, result.Reading.Signal);
    }

    [Theory]
    [InlineData("in-bed", SensorSignal.InBed)]
    [InlineData("out-of-bed", SensorSignal.OutOfBed)]
    [InlineData("seizure", SensorSignal.Seizure)]
    [InlineData("breathing-irregular", SensorSignal.BreathingIrregular)]
    [InlineData("heart-rate-irregular", SensorSignal.HeartRateIrregular)]
    public void Native_sleep_sensor_reads_every_event(string name, SensorSignal expected)
    {
        var result = Native(SensorKind.Sleep, $$"""{"event":"{{name}}"}""");
        Assert.Equal(expected, result.Reading.Signal);
        Assert.Null(result.Reading.Timestamp);
    }

    [Fact]
    public void Escaped_event_name_means_the_same_event()
    {
        Assert.Equal(SensorSignal.InBed, Native(SensorKind.Sleep, """{"event":"in\u002dbed"}""").Reading.Signal);
    }

    [Theory]
    [InlineData("\"2026-11-23T21:04:05.123Z\"")]
    [InlineData("1795467845.123")]
    [InlineData("1795467845123")]
    public void Optional_ts_is_read_as_iso_or_unix_time(string ts)
    {
        var result = Native(SensorKind.Sleep, $$"""{"event":"seizure","ts":{{ts}}}""");
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 21, 4, 5, 123, TimeSpan.Zero), result.Reading.Timestamp);
    }

    [Fact]
    public void Leading_byte_order_mark_is_accepted()
    {
        var payload = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("""{"motion":true}""")).ToArray();
        Assert.Equal(SensorSignal.Motion, SensorCodec.Decode(SensorKind.Motion, SensorFormat.Native, payload).Reading.Signal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("{")]
    [InlineData("""{"motion":tr""")]
    [InlineData("""{"motion":true} x""")]
    [InlineData("""{"motion":true}{"motion":true}""")]
    [InlineData("""{"motion":true,}""")]
    [InlineData("""{motion:true}""")]
    [InlineData("""{"motion":true /* c */}""")]
    [InlineData("""{"motion":true,"motion":false}""")]
    public void Malformed_json_is_rejected(string json)
    {
        Assert.Equal(SensorRejection.MalformedJson, Native(SensorKind.Motion, json).Rejection);
    }

    [Fact]
    public void Binary_that_is_not_utf8_is_rejected()
    {
        byte[] binary = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0xFF, 0xFE];
        Assert.Equal(SensorRejection.NotUtf8, SensorCodec.Decode(SensorKind.Motion, SensorFormat.Native, binary).Rejection);
    }

    [Fact]
    public void Binary_that_happens_to_be_utf8_is_malformed_json()
    {
        byte[] binary = [0x00, 0x01, 0x02, 0x7F];
        Assert.Equal(SensorRejection.MalformedJson, SensorCodec.Decode(SensorKind.Motion, SensorFormat.Native, binary).Rejection);
    }

    [Theory]
    [InlineData(new byte[] { 0xC3, 0x28 })]             // broken two-byte sequence
    [InlineData(new byte[] { 0xC0, 0xAF })]             // overlong '/'
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]       // UTF-16 surrogate encoded in UTF-8
    [InlineData(new byte[] { 0xF4, 0x90, 0x80, 0x80 })] // beyond U+10FFFF
    [InlineData(new byte[] { 0xE2, 0x82 })]             // truncated three-byte sequence
    public void Invalid_utf8_inside_a_string_is_rejected(byte[] bad)
    {
        var payload = Encoding.UTF8.GetBytes("""{"event":"in-bed""").Concat(bad).Concat("\"}"u8.ToArray()).ToArray();
        Assert.Equal(SensorRejection.NotUtf8, SensorCodec.Decode(SensorKind.Sleep, SensorFormat.Native, payload).Rejection);
    }

    [Fact]
    public void One_mebibyte_is_oversized()
    {
        var payload = new byte[1024 * 1024];
        Array.Fill(payload, (byte)' ');
        var result = SensorCodec.Decode(SensorKind.Motion, SensorFormat.Native, payload);
        Assert.Equal(SensorRejection.Oversized, result.Rejection);
    }

    [Fact]
    public void Exactly_64_KiB_is_accepted_and_one_byte_more_is_not()
    {
        var json = """{"motion":true}""";
        var payload = Encoding.UTF8.GetBytes(json + new string(' ', SensorCodec.MaxPayloadBytes - json.Length));
        Assert.True(SensorCodec.Decode(SensorKind.Motion, SensorFormat.Native, payload).IsReading);
        var tooBig = payload.Append((byte)' ').ToArray();
        Assert.Equal(SensorRejection.Oversized, SensorCodec.Decode(SensorKind.Motion, SensorFormat.Native, tooBig).Rejection);
    }

    [Theory]
    [InlineData("{\"a\":", "}")]
    [InlineData("[", "]")]
    public void Ten_thousand_deep_nesting_is_rejected_as_too_deep(string open, string close)
    {
        var json = string.Concat(Enumerable.Repeat(open, 10_000)) + "1" + string.Concat(Enumerable.Repeat(close, 10_000));
        Assert.Equal(SensorRejection.TooDeep, Native(SensorKind.Motion, json).Rejection);
    }

    [Fact]
    public void Nesting_up_to_the_limit_is_accepted()
    {
        string Nest(int levels) => """{"motion":true,"x":""" + string.Concat(Enumerable.Repeat("[", levels - 1)) + string.Concat(Enumerable.Repeat("]", levels - 1)) + "}";
        Assert.True(Native(SensorKind.Motion, Nest(SensorCodec.MaxDepth)).IsReading);
        Assert.Equal(SensorRejection.TooDeep, Native(SensorKind.Motion, Nest(SensorCodec.MaxDepth + 1)).Rejection);
    }

    [Theory]
    [InlineData(SensorKind.Motion, """{"motion":"yes"}""")]
    [InlineData(SensorKind.Motion, """{"motion":1}""")]
    [InlineData(SensorKind.Motion, """{"motion":{}}""")]
    [InlineData(SensorKind.Sleep, """{"event":5}""")]
    [InlineData(SensorKind.Sleep, """{"event":["seizure"]}""")]
    [InlineData(SensorKind.Sleep, """{"event":"seizure","ts":true}""")]
    [InlineData(SensorKind.Sleep, """{"event":"seizure","ts":"yesterday"}""")]
    [InlineData(SensorKind.Sleep, """{"event":"seizure","ts":-5}""")]
    [InlineData(SensorKind.Motion, """[{"motion":true}]""")]
    [InlineData(SensorKind.Motion, "\"motion\"")]
    [InlineData(SensorKind.Motion, "true")]
    [InlineData(SensorKind.Motion, "null")]
    public void Wrong_types_are_rejected(SensorKind kind, string json)
    {
        Assert.Equal(SensorRejection.WrongType, Native(kind, json).Rejection);
    }

    [Theory]
    [InlineData(SensorKind.Sleep, """{"event":"sleepwalking"}""")]
    [InlineData(SensorKind.Sleep, """{"event":"IN-BED"}""")]
    [InlineData(SensorKind.Sleep, """{"event":null}""")]
    [InlineData(SensorKind.Sleep, """{}""")]
    [InlineData(SensorKind.Sleep, """{"motion":true}""")]
    [InlineData(SensorKind.Motion, """{"event":"seizure"}""")]
    [InlineData(SensorKind.Motion, """{"motion":true,"event":"seizure"}""")]
    [InlineData(SensorKind.Motion, """{"occupancy":true}""")]
    public void Unknown_or_missing_events_are_rejected(SensorKind kind, string json)
    {
        Assert.Equal(SensorRejection.UnknownEvent, Native(kind, json).Rejection);
    }

    [Theory]
    [InlineData(SensorKind.Motion, true, SensorSignal.Motion)]
    [InlineData(SensorKind.Motion, false, SensorSignal.NoMotion)]
    [InlineData(SensorKind.Sleep, true, SensorSignal.InBed)]
    [InlineData(SensorKind.Sleep, false, SensorSignal.OutOfBed)]
    public void Zigbee2mqtt_occupancy_depends_on_the_sensor_kind(SensorKind kind, bool occupancy, SensorSignal expected)
    {
        var state = occupancy ? "true" : "false";
        var result = Z2m(kind, "{\"battery\":87,\"contact\":true,\"linkquality\":120,\"occupancy\":" + state + ",\"voltage\":2900,\"update\":{\"state\":\"idle\"}}");
        Assert.Equal(expected, result.Reading.Signal);
        Assert.Equal(87, result.Reading.Battery);
        Assert.Equal(120, result.Reading.LinkQuality);
    }

    [Theory]
    [InlineData("""{"battery":55,"linkquality":30}""")]
    [InlineData("""{"occupancy":null,"battery":null}""")]
    [InlineData("""{"contact":false}""")]
    [InlineData("""{}""")]
    public void Zigbee2mqtt_state_without_occupancy_is_device_status_only(string json)
    {
        var result = Z2m(SensorKind.Motion, json);
        Assert.Equal(SensorSignal.Status, result.Reading.Signal);
        Assert.False(result.Reading.IsAboutResident);
    }

    [Theory]
    [InlineData("""{"occupancy":"true"}""")]
    [InlineData("""{"occupancy":1}""")]
    [InlineData("""{"occupancy":true,"battery":"full"}""")]
    [InlineData("""{"occupancy":true,"linkquality":[]}""")]
    public void Zigbee2mqtt_wrong_types_are_rejected(string json)
    {
        Assert.Equal(SensorRejection.WrongType, Z2m(SensorKind.Sleep, json).Rejection);
    }

    [Fact]
    public void Zigbee2mqtt_out_of_range_battery_is_left_out()
    {
        var result = Z2m(SensorKind.Motion, """{"occupancy":true,"battery":250}""");
        Assert.Equal(SensorSignal.Motion, result.Reading.Signal);
        Assert.Null(result.Reading.Battery);
    }

    [Theory]
    [InlineData(SensorKind.Sleep, """{"event":"SECRET-value"}""")]
    [InlineData(SensorKind.Sleep, """{"event":"SECRET-value","ts":"SECRET-value"}""")]
    [InlineData(SensorKind.Motion, """{"motion":"SECRET-value"}""")]
    [InlineData(SensorKind.Motion, """{"SECRET-value":""")]
    [InlineData(SensorKind.Motion, """["SECRET-value"]""")]
    public void Rejection_details_never_quote_the_payload(SensorKind kind, string json)
    {
        var result = Native(kind, json);
        Assert.False(result.IsReading);
        Assert.NotNull(result.Detail);
        Assert.DoesNotContain("SECRET", result.Detail);
    }

    [Fact]
    public void Multi_segment_sequences_decode_like_one_span_even_split_inside_a_character()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"event":"seizure","note":"blå"}""");
        var split = Array.IndexOf(bytes, (byte)0xC3) + 1;
        var sequence = Segments(bytes[..split], bytes[split..]);
        Assert.False(sequence.IsSingleSegment);
        Assert.Equal(SensorSignal.Seizure, SensorCodec.Decode(SensorKind.Sleep, SensorFormat.Native, sequence).Reading.Signal);
    }

    [Fact]
    public void Multi_segment_oversized_is_rejected_before_copying()
    {
        var sequence = Segments(new byte[40_000], new byte[40_000]);
        Assert.Equal(SensorRejection.Oversized, SensorCodec.Decode(SensorKind.Sleep, SensorFormat.Native, sequence).Rejection);
    }

    [Fact]
    public void Any_bytes_give_a_reading_or_a_rejection_and_never_throw()
    {
        Gen.Byte.Array[0, 300].Sample(bytes =>
        {
            foreach (var format in new[] { SensorFormat.Native, SensorFormat.Zigbee2Mqtt })
            {
                var result = SensorCodec.Decode(SensorKind.Sleep, format, bytes);
                Assert.True(result.IsReading || result.Detail is not null);
            }
        });
    }

    [Fact]
    public void Any_json_like_text_gives_a_reading_or_a_rejection_and_never_throws()
    {
        string[] tokens = ["{", "}", "[", "]", ",", ":", "\"motion\"", "\"event\"", "\"occupancy\"", "true", "false",
            "null", "1", "\"in-bed\"", "\"seizure\"", " ", "\"ts\"", "\"\\u00e5\"", "-1e400"];
        var pieces = Gen.Int[0, tokens.Length - 1].Select(i => tokens[i]);
        pieces.Array[0, 40].Select(p => Encoding.UTF8.GetBytes(string.Concat(p))).Sample(bytes =>
        {
            var result = SensorCodec.Decode(SensorKind.Motion, SensorFormat.Zigbee2Mqtt, bytes);
            Assert.True(result.IsReading || result.Rejection != SensorRejection.None);
        });
    }

    static ReadOnlySequence<byte> Segments(byte[] first, byte[] second)
    {
        var head = new Segment(first, 0);
        var tail = head.Append(second);
        return new ReadOnlySequence<byte>(head, 0, tail, second.Length);
    }

    sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(byte[] memory, long runningIndex) { Memory = memory; RunningIndex = runningIndex; }

        public Segment Append(byte[] memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}

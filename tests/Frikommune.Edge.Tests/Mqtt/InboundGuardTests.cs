using System.Text;
using Frikommune.Edge.Mqtt;
using Frikommune.Edge.Sensors;

namespace Frikommune.Edge.Tests.Mqtt;

public sealed class InboundGuardTests
{
    static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    [Fact]
    public void Valid_json_passes() => Assert.Null(InboundGuard.Check(Utf8("""{"motion":true,"ts":"2026-11-23T21:04:05Z"}"""), PayloadKind.Json));

    [Fact]
    public void An_empty_payload_is_passed_to_text_subscribers_but_is_not_json()
    {
        Assert.Null(InboundGuard.Check([], PayloadKind.Text));
        Assert.Equal(PayloadGuard.MalformedJson, InboundGuard.Check([], PayloadKind.Json));
    }

    [Fact]
    public void More_than_64_KiB_is_too_large_whatever_is_expected()
    {
        var big = new byte[PayloadGuard.MaxBytes + 1];
        Assert.Equal(PayloadGuard.Oversized, InboundGuard.Check(big, PayloadKind.Bytes));
        Assert.Null(InboundGuard.Check(new byte[PayloadGuard.MaxBytes], PayloadKind.Bytes));
    }

    [Theory]
    [InlineData(new byte[] { 0xC3, 0x28 })]
    [InlineData(new byte[] { 0x7B, 0xFF, 0x7D })]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]
    public void Invalid_utf8_is_dropped_for_text_and_json(byte[] payload)
    {
        Assert.Equal(PayloadGuard.NotUtf8, InboundGuard.Check(payload, PayloadKind.Text));
        Assert.Equal(PayloadGuard.NotUtf8, InboundGuard.Check(payload, PayloadKind.Json));
        Assert.Null(InboundGuard.Check(payload, PayloadKind.Bytes));
    }

    [Theory]
    [InlineData("{")]
    [InlineData("{\"a\":}")]
    [InlineData("not json")]
    [InlineData("{} {}")]
    [InlineData("[1,2")]
    public void Malformed_json_is_dropped(string payload) =>
        Assert.Equal(PayloadGuard.MalformedJson, InboundGuard.Check(Utf8(payload), PayloadKind.Json));

    [Fact]
    public void Deep_nesting_is_rejected_at_the_depth_limit()
    {
        const int limit = PayloadGuard.MaxJsonDepth;
        Assert.Null(InboundGuard.Check(Utf8(new string('[', limit) + new string(']', limit)), PayloadKind.Json));
        Assert.Equal(PayloadGuard.TooDeep, InboundGuard.Check(Utf8(new string('[', limit + 1) + new string(']', limit + 1)), PayloadKind.Json));
        Assert.Equal(PayloadGuard.TooDeep, InboundGuard.Check(Utf8(new string('[', 10_000) + new string(']', 10_000)), PayloadKind.Json));
    }

    [Fact]
    public void Wrong_types_are_rejected_by_typed_reading()
    {
        var message = new InboundMessage("t", Utf8("""{"motion":"yes"}"""), false);
        var e = Assert.Throws<InboundRejectedException>(() => MqttJson.Read<MotionReport>(message));
        Assert.Equal(MqttJson.WrongType, e.Reason);
        Assert.Equal(MqttJson.WrongType, Assert.Throws<InboundRejectedException>(() => MqttJson.Read<MotionReport>(message with { Payload = Utf8("null") })).Reason);
        Assert.True(MqttJson.Read<MotionReport>(message with { Payload = Utf8("""{"motion":true}""") }).Motion);
    }

    sealed record MotionReport(bool Motion);

    [Fact]
    public void The_mqtt_guard_and_the_sensor_codec_share_one_limit_table_and_one_set_of_codes()
    {
        var big = new byte[PayloadGuard.MaxBytes + 1];
        byte[] notUtf8 = [0x7B, 0xFF, 0x7D];
        var deep = Utf8(new string('[', PayloadGuard.MaxJsonDepth + 1) + new string(']', PayloadGuard.MaxJsonDepth + 1));
        foreach (var payload in new[] { big, notUtf8, deep, Utf8("{"), [] })
            Assert.Equal(InboundGuard.Check(payload, PayloadKind.Json),
                SensorCodec.Decode(SensorKind.Motion, SensorFormat.Native, payload).Rejection.Code());
    }
}

using System.Text;
using Frikommune.Edge.Cameras;
using Frikommune.Edge.Clock;
using Frikommune.Edge.Decisions;
using Frikommune.Edge.Hosting;
using Frikommune.Edge.Mqtt;
using Frikommune.Edge.Wire;
using Frikommune.Edge.CheckIns;
using Frikommune.Edge.Health;

namespace Frikommune.Edge.Tests.Wire;

/// <summary>One time format, one id rule, one base64url, and payloads without needless escapes.</summary>
public sealed class WireFormatTests
{
    static readonly DateTimeOffset At = new(2026, 11, 23, 22, 4, 5, 123, TimeSpan.FromHours(1));

    [Fact]
    public void Every_time_is_iso_8601_utc_with_milliseconds_and_z()
    {
        Assert.Equal("2026-11-23T21:04:05.123Z", IsoTime.Format(At));
        Assert.Equal("2026-11-23T21:04:05.000Z", IsoTime.Format(new DateTimeOffset(2026, 11, 23, 21, 4, 5, TimeSpan.Zero)));
        Assert.Equal(At, IsoTime.Parse("2026-11-23T21:04:05.123Z"));
    }

    [Fact]
    public void The_status_payload_is_the_contract_shape_and_keeps_a_plus_in_the_version()
    {
        var json = Encoding.UTF8.GetString(GatewayStatus.Payload(true, At));

        Assert.Equal($$"""{"state":"online","version":"{{GatewayVersion.Current}}","since":"2026-11-23T21:04:05.123Z"}""", json);
        Assert.DoesNotContain("\\u", json);
    }

    [Fact]
    public void No_needless_escapes_in_payloads()
    {
        var json = Encoding.UTF8.GetString(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(
            new Refusal("0.1.0+abc §14f Yderdør <b>"), WireJson.Compact.Refusal));

        Assert.Equal("""{"reason":"0.1.0+abc §14f Yderdør <b>"}""", json);
    }

    [Fact]
    public void A_check_in_event_names_every_field_also_while_open()
    {
        var json = System.Text.Json.JsonSerializer.Serialize(
            new CheckInSessionEvent("open", "room-12", "anna", At, null, null), WireJson.Compact.CheckInSessionEvent);

        Assert.Equal("""{"state":"open","room":"room-12","staff":"anna","openedAt":"2026-11-23T21:04:05.123Z","closedAt":null,"viewedSeconds":null}""", json);
    }

    [Fact]
    public void A_refused_check_in_reply_has_only_request_id_granted_and_reason()
    {
        var json = System.Text.Json.JsonSerializer.Serialize(new CheckInReply("r-1", false, Reason: "cooldown"), WireJson.Compact.CheckInReply);

        Assert.Equal("""{"requestId":"r-1","granted":false,"reason":"cooldown"}""", json);
    }

    [Theory]
    [InlineData("room-12", true)]
    [InlineData("a.b_c-D9", true)]
    [InlineData("", false)]
    [InlineData("room 12", false)]
    [InlineData("room-12\n", false)] // a regex ending in '$' let this through into topics and logs
    [InlineData("rum-æ", false)]
    public void One_id_rule(string id, bool safe) => Assert.Equal(safe, References.IsSafe(id));

    [Fact]
    public void An_id_is_at_most_64_characters() =>
        Assert.Equal((true, false), (References.IsSafe(new string('a', 64)), References.IsSafe(new string('a', 65))));

    [Fact]
    public void A_stream_token_is_base64url_without_padding()
    {
        var token = StreamToken.New();

        Assert.Equal(43, token.Length);
        Assert.Equal(32, System.Buffers.Text.Base64Url.DecodeFromChars(token).Length);
        Assert.DoesNotContain(token, c => c is '+' or '/' or '=');
    }
}

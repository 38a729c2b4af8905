using System.Security.Cryptography;
using System.Text;
using Frikommune.Edge.Decisions;
using Frikommune.Edge.StaffCommands;

namespace Frikommune.Edge.Tests.StaffCommands;

/// <summary>CONTRACT § 4: a staff command is carried out only when signed by a registered device, fresh and new.</summary>
public sealed class StaffCommandCheckTests : IDisposable
{
    static readonly DateTimeOffset Now = new(2026, 11, 30, 21, 0, 0, TimeSpan.Zero);
    readonly ECDsa _tablet = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    readonly ECDsa _stranger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    readonly CommandFreshness _freshness = new();
    readonly StaffCommandCheck _check;

    public StaffCommandCheckTests() => _check = new StaffCommandCheck(id => id == "tablet-1" ? _tablet : null, _freshness);

    static Dictionary<string, object?> Ack(string jti = "j-1", DateTimeOffset? iat = null, string iss = "tablet-1") => new()
    {
        ["staff"] = "anna", ["iss"] = iss, ["iat"] = (iat ?? Now).ToUnixTimeSeconds(), ["jti"] = jti,
    };

    CommandVerdict Check(string token, DateTimeOffset? at = null) => _check.Check(Encoding.UTF8.GetBytes(token), at ?? Now);

    [Fact]
    public void A_signed_fresh_command_is_carried_out_with_its_claims_and_device()
    {
        var verdict = Check(TokenSigner.Sign(_tablet, "tablet-1", Ack()));
        Assert.NotNull(verdict.Command);
        Assert.Equal("tablet-1", verdict.Command!.Device);
        Assert.Contains("\"staff\":\"anna\"", Encoding.UTF8.GetString(verdict.Command.Claims));
    }

    [Theory]
    [InlineData("""{"staff":"mallory"}""", CommandRefusals.Unsigned)]
    [InlineData("""  {"requestId":"r1","room":"room-1","staff":"mallory"}""", CommandRefusals.Unsigned)]
    [InlineData("", CommandRefusals.Malformed)]
    [InlineData("not a token", CommandRefusals.Malformed)]
    [InlineData("eyJhbGciOiJub25lIn0.eyJzdGFmZiI6Im1hbGxvcnkifQ.", CommandRefusals.AlgNotAllowed)]
    public void Unsigned_and_malformed_commands_are_refused_from_an_unknown_source(string payload, string reason)
    {
        var verdict = Check(payload);
        Assert.Null(verdict.Command);
        Assert.Equal(reason, verdict.Refusal);
        Assert.Equal(CommandRefusals.UnknownSource, verdict.Source);
    }

    [Fact]
    public void A_command_signed_by_an_unregistered_key_is_refused_unknown_key()
    {
        var verdict = Check(TokenSigner.Sign(_stranger, "mallory-phone", Ack(iss: "mallory-phone")));
        Assert.Equal(CommandRefusals.UnknownKey, verdict.Refusal);
        Assert.Equal(CommandRefusals.UnknownSource, verdict.Source);
    }

    [Fact]
    public void A_forged_command_naming_a_registered_device_is_refused_bad_signature_from_that_device()
    {
        var verdict = Check(TokenSigner.Sign(_stranger, "tablet-1", Ack()));
        Assert.Equal(CommandRefusals.BadSignature, verdict.Refusal);
        Assert.Equal("tablet-1", verdict.Source);
    }

    [Fact]
    public void A_claimed_issuer_other_than_the_signing_device_is_refused()
    {
        Assert.Equal(CommandRefusals.InvalidClaims, Check(TokenSigner.Sign(_tablet, "tablet-1", Ack(iss: "tablet-2"))).Refusal);
        var missing = Ack();
        missing.Remove("jti");
        Assert.Equal(CommandRefusals.InvalidClaims, Check(TokenSigner.Sign(_tablet, "tablet-1", missing)).Refusal);
        Assert.Equal(CommandRefusals.InvalidClaims, Check(TokenSigner.Sign(_tablet, "tablet-1", Ack(jti: "a b/c"))).Refusal);
    }

    [Theory]
    [InlineData(-121)]
    [InlineData(121)]
    [InlineData(-3600)]
    public void An_iat_more_than_120_s_from_the_gateway_clock_is_stale(int seconds)
    {
        Assert.Equal(CommandRefusals.Stale, Check(TokenSigner.Sign(_tablet, "tablet-1", Ack(iat: Now.AddSeconds(seconds)))).Refusal);
    }

    [Theory]
    [InlineData(-120)]
    [InlineData(120)]
    public void An_iat_at_the_edge_of_the_window_is_accepted(int seconds)
    {
        Assert.NotNull(Check(TokenSigner.Sign(_tablet, "tablet-1", Ack(iat: Now.AddSeconds(seconds)))).Command);
    }

    [Fact]
    public void A_replayed_command_is_refused_even_on_another_topic_within_its_window()
    {
        var token = TokenSigner.Sign(_tablet, "tablet-1", Ack());
        Assert.NotNull(Check(token).Command);
        Assert.Equal(CommandRefusals.Replayed, Check(token).Refusal);
        Assert.Equal(CommandRefusals.Replayed, Check(token, Now.AddSeconds(119)).Refusal);
        Assert.Equal(CommandRefusals.Stale, Check(token, Now.AddSeconds(121)).Refusal);
        // A new signature with the same jti is the same command again.
        Assert.Equal(CommandRefusals.Replayed, Check(TokenSigner.Sign(_tablet, "tablet-1", Ack(iat: Now.AddSeconds(5)))).Refusal);
    }

    [Fact]
    public void A_jti_is_remembered_for_ten_minutes()
    {
        Assert.NotNull(Check(TokenSigner.Sign(_tablet, "tablet-1", Ack())).Command);
        var later = Now.AddMinutes(9);
        Assert.Equal(CommandRefusals.Replayed, Check(TokenSigner.Sign(_tablet, "tablet-1", Ack(iat: later)), later).Refusal);
        var after = Now.AddMinutes(10).AddSeconds(1);
        Assert.NotNull(Check(TokenSigner.Sign(_tablet, "tablet-1", Ack(iat: after)), after).Command);
    }

    public void Dispose()
    {
        _tablet.Dispose();
        _stranger.Dispose();
    }
}

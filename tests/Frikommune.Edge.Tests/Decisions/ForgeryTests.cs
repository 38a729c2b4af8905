using System.Security.Cryptography;
using System.Text;
using Frikommune.Edge.Decisions;
using static Frikommune.Edge.Tests.Decisions.DecisionTestKit;

namespace Frikommune.Edge.Tests.Decisions;

public sealed class ForgeryTests : IDisposable
{
    readonly DecisionTestKit _kit = new();

    public void Dispose() => _kit.Dispose();

    string Reason(string token) => _kit.Verifier().Verify(token, Now).Rejection?.Reason ?? "accepted";

    byte[] SignRaw(byte[] input) => _kit.Key.SignData(input, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    [Fact]
    public void A_flipped_payload_byte_breaks_the_signature()
    {
        var parts = _kit.Sign(Claims()).Split('.');
        var payload = Convert.FromBase64String(ToStandard(parts[1]));
        payload[payload.Length / 2] ^= 0x01;

        Assert.Equal(RejectionReasons.BadSignature, Reason($"{parts[0]}.{B64(payload)}.{parts[2]}"));
    }

    [Fact]
    public void A_signature_by_another_key_under_a_trusted_kid_is_bad_signature()
    {
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        Assert.Equal(RejectionReasons.BadSignature, Reason(TokenSigner.Sign(other, Kid, Claims())));
    }

    [Fact]
    public void Alg_none_with_an_empty_signature_is_alg_not_allowed()
    {
        var token = B64("""{"alg":"none","kid":"herning-2026"}""") + "." + B64(Json(Claims())) + ".";

        Assert.Equal(RejectionReasons.AlgNotAllowed, Reason(token));
    }

    [Fact]
    public void Es256_with_an_empty_signature_is_malformed()
    {
        var token = B64("""{"alg":"ES256","kid":"herning-2026"}""") + "." + B64(Json(Claims())) + ".";

        Assert.Equal(RejectionReasons.Malformed, Reason(token));
    }

    [Fact]
    public void Alg_none_with_a_signature_part_is_alg_not_allowed()
    {
        var token = Assemble("""{"alg":"none","kid":"herning-2026"}""", Claims(), SignRaw);

        Assert.Equal(RejectionReasons.AlgNotAllowed, Reason(token));
    }

    [Fact]
    public void Hs256_keyed_with_the_public_key_pem_is_refused()
    {
        // The classic confusion: a verifier that feeds "the key" to HMAC would accept this.
        var pem = Encoding.ASCII.GetBytes(_kit.Key.ExportSubjectPublicKeyInfoPem());
        var token = Assemble("""{"alg":"HS256","kid":"herning-2026"}""", Claims(), input => HMACSHA256.HashData(pem, input));

        Assert.Equal(RejectionReasons.AlgNotAllowed, Reason(token));
    }

    [Theory]
    [InlineData("ES384")]
    [InlineData("RS256")]
    [InlineData("es256")]
    [InlineData("")]
    public void Any_alg_but_ES256_is_refused(string alg) =>
        Assert.Equal(RejectionReasons.AlgNotAllowed, Reason(Assemble($$"""{"alg":"{{alg}}","kid":"herning-2026"}""", Claims(), SignRaw)));

    [Fact]
    public void A_der_signature_is_bad_signature()
    {
        var token = Assemble("""{"alg":"ES256","kid":"herning-2026"}""", Claims(),
            input => _kit.Key.SignData(input, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));

        Assert.Equal(RejectionReasons.BadSignature, Reason(token));
    }

    [Fact]
    public void An_unknown_kid_is_unknown_key()
    {
        Assert.Equal(RejectionReasons.UnknownKey, Reason(_kit.Sign(Claims(), kid: "someone-else")));
        Assert.Equal(RejectionReasons.UnknownKey, Reason(Assemble("""{"alg":"ES256"}""", Claims(), SignRaw)));
        Assert.Equal(RejectionReasons.UnknownKey, Reason(Assemble("""{"alg":"ES256","kid":7}""", Claims(), SignRaw)));
    }

    [Theory]
    [InlineData("../herning-2026")]
    [InlineData("/etc/passwd")]
    [InlineData(".hidden")]
    [InlineData("")]
    public void A_kid_that_is_not_a_safe_file_name_is_unknown_key_and_never_looked_up(string kid)
    {
        var looked = new List<string>();
        var verifier = new TokenVerifier(k => { looked.Add(k); return _kit.Key; }, Site, 366);

        var result = verifier.Verify(Assemble($$"""{"alg":"ES256","kid":"{{kid}}"}""", Claims(), SignRaw), Now);

        Assert.Equal(RejectionReasons.UnknownKey, result.Rejection!.Reason);
        Assert.Empty(looked);
    }

    [Fact]
    public void A_trusted_key_on_another_curve_is_not_used()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var verifier = new TokenVerifier(_ => p384, Site, 366);

        Assert.Equal(RejectionReasons.UnknownKey, verifier.Verify(_kit.Sign(Claims()), Now).Rejection!.Reason);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("a.b")]
    [InlineData("a.b.c.d")]
    [InlineData("e30.e30.!!")]
    [InlineData("eyJhbGciOiJFUzI1NiJ9 .e30.AA")]
    [InlineData("a.b.c")]
    public void Text_that_is_not_a_compact_jws_is_malformed(string token) =>
        Assert.Equal(RejectionReasons.Malformed, Reason(token));

    [Fact]
    public void A_header_that_is_not_a_json_object_is_malformed()
    {
        Assert.Equal(RejectionReasons.Malformed, Reason(Assemble("[1,2]", Claims(), SignRaw)));
        Assert.Equal(RejectionReasons.Malformed, Reason(Assemble("not json", Claims(), SignRaw)));
    }

    [Fact]
    public void A_header_with_duplicate_alg_is_malformed() =>
        Assert.Equal(RejectionReasons.Malformed, Reason(Assemble("""{"alg":"none","alg":"ES256","kid":"herning-2026"}""", Claims(), SignRaw)));

    [Fact]
    public void A_header_with_crit_is_malformed() =>
        Assert.Equal(RejectionReasons.Malformed, Reason(Assemble("""{"alg":"ES256","kid":"herning-2026","crit":["exp"]}""", Claims(), SignRaw)));

    [Fact]
    public void Signed_claims_that_are_not_a_json_object_are_malformed()
    {
        var input = B64("""{"alg":"ES256","kid":"herning-2026"}""") + "." + B64("[1]");
        var token = input + "." + B64(SignRaw(Encoding.ASCII.GetBytes(input)));

        Assert.Equal(RejectionReasons.Malformed, Reason(token));
    }

    [Fact]
    public void Signed_claims_with_a_duplicate_member_are_malformed()
    {
        var input = B64("""{"alg":"ES256","kid":"herning-2026"}""") + "." + B64("""{"site":"herning-bo1","site":"other"}""");
        var token = input + "." + B64(SignRaw(Encoding.ASCII.GetBytes(input)));

        Assert.Equal(RejectionReasons.Malformed, Reason(token));
    }

    [Fact]
    public void An_oversized_token_is_malformed() =>
        Assert.Equal(RejectionReasons.Malformed, Reason(new string('a', CompactJws.MaxLength + 1)));

    [Fact]
    public void A_forgery_learns_nothing_about_its_claims()
    {
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var forged = TokenSigner.Sign(other, Kid, new Dictionary<string, object?>(Claims(sub: "0101901234")) { ["site"] = "elsewhere" });

        var rejection = _kit.Verifier().Verify(forged, Now).Rejection!;

        Assert.Equal(RejectionReasons.BadSignature, rejection.Reason);
        Assert.Null(rejection.Id);
        Assert.Null(rejection.Subject);
    }

    static string ToStandard(string b64url)
    {
        var s = b64url.Replace('-', '+').Replace('_', '/');
        return s.PadRight(s.Length + (4 - s.Length % 4) % 4, '=');
    }
}

public sealed class InvalidUtf8Tests
{
    [Fact]
    public void A_header_with_invalid_utf8_is_malformed_not_an_exception()
    {
        using var kit = new DecisionTestKit();
        var header = System.Text.Encoding.ASCII.GetBytes("""{"alg":"ES256","kid":"x"}""");
        header[9] = 0xA2; // inside the alg string
        var token = DecisionTestKit.B64(header) + "." + DecisionTestKit.B64("{}") + ".AAAA";

        Assert.Equal(RejectionReasons.Malformed, kit.Verifier().Verify(token, DecisionTestKit.Now).Rejection!.Reason);
    }
}

using System.Security.Cryptography;
using System.Text.Json;

namespace Frikommune.Edge.Decisions;

/// <summary>
/// Checks a decision or revocation token against CONTRACT § 3. Pure: keys come from a lookup, time is passed in.
/// Format, algorithm, key and signature are checked before any claim, so a forgery learns nothing about
/// which claims would have passed.
/// </summary>
public sealed class TokenVerifier
{
    public const string Algorithm = "ES256";
    readonly Func<string, ECDsa?> _trustedKey;
    readonly Func<string, KeyScope> _scopeOf;
    readonly DecisionClaims _claims;

    /// <param name="trustedKey">kid → public key, or null when the kid is not trusted.</param>
    /// <param name="scopeOf">kid → the bases it may sign; by default <see cref="KeyScope.Default"/> for every key.</param>
    public TokenVerifier(Func<string, ECDsa?> trustedKey, string site, int maxPeriodDays, Func<string, KeyScope>? scopeOf = null)
    {
        _trustedKey = trustedKey;
        _scopeOf = scopeOf ?? (_ => KeyScope.Default);
        _claims = new DecisionClaims(site, TimeSpan.FromDays(maxPeriodDays));
    }

    /// <summary>For an import: a decision whose <c>exp</c> is not after <paramref name="now"/> is refused as <c>expired</c>.</summary>
    public TokenResult Verify(string token, DateTimeOffset now) => Check(token, now);

    /// <summary>For tokens already cached: the same checks against today's keys, but an ended decision stays (it is listed as expired).</summary>
    public TokenResult Reverify(string token) => Check(token, now: null);

    TokenResult Check(string token, DateTimeOffset? now)
    {
        // Hostile input must end as a rejection, never as an exception in an MQTT handler.
        try { return CheckUnguarded(token, now); }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or CryptographicException)
        {
            return TokenResult.Reject(RejectionReasons.Malformed, "the token cannot be read");
        }
    }

    TokenResult CheckUnguarded(string token, DateTimeOffset? now)
    {
        if (!CompactJws.TryParse(token, out var jws, out var problem))
            // "alg":"none" usually comes with an empty signature part; name the real refusal, not the shape.
            return CompactJws.HeaderAlg(token) is { } named && named != Algorithm
                ? TokenResult.Reject(RejectionReasons.AlgNotAllowed, "only ES256 is accepted")
                : TokenResult.Reject(RejectionReasons.Malformed, problem);
        if (!CompactJws.TryParseObject(jws.Header, out var header))
            return TokenResult.Reject(RejectionReasons.Malformed, "header is not a JSON object");
        string kid;
        using (header)
        {
            var root = header.RootElement;
            if (root.TryGetProperty("crit", out _))
                return TokenResult.Reject(RejectionReasons.Malformed, "header has crit parameters");
            if (!root.TryGetProperty("alg", out var alg) || alg.ValueKind != JsonValueKind.String)
                return TokenResult.Reject(RejectionReasons.Malformed, "header has no alg");
            if (alg.GetString() != Algorithm)
                return TokenResult.Reject(RejectionReasons.AlgNotAllowed, "only ES256 is accepted");
            if (!root.TryGetProperty("kid", out var kidElement) || kidElement.ValueKind != JsonValueKind.String)
                return TokenResult.Reject(RejectionReasons.UnknownKey, "header has no kid");
            kid = kidElement.GetString()!;
        }
        if (!References.IsSafeKeyId(kid))
            return TokenResult.Reject(RejectionReasons.UnknownKey, "kid is not a valid key name");
        var key = _trustedKey(kid);
        if (key is null)
            return TokenResult.Reject(RejectionReasons.UnknownKey, $"no trusted key '{kid}'");
        if (key.KeySize != 256)
            return TokenResult.Reject(RejectionReasons.UnknownKey, $"trusted key '{kid}' is not P-256");
        // RFC 7518 § 3.4: the raw 64-byte r||s; a DER signature is not ES256.
        if (jws.Signature.Length != 64 || !key.VerifyData(CompactJws.Ascii(jws.SigningInput), jws.Signature,
                HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation))
            return TokenResult.Reject(RejectionReasons.BadSignature, "signature does not verify");
        return _claims.Read(token, kid, _scopeOf(kid), jws.Payload, now);
    }
}

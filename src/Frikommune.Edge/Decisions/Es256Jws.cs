using System.Security.Cryptography;
using System.Text.Json;

namespace Frikommune.Edge.Decisions;

/// <summary>
/// The ES256 half of a compact JWS check, shared by decision tokens (CONTRACT § 3) and signed staff commands (§ 4):
/// format, header, algorithm, key and signature, in that order, so a forgery learns nothing about its claims.
/// The claims are returned undecoded; what they must say is the caller's business.
/// </summary>
public static class Es256Jws
{
    public const string Algorithm = "ES256";

    /// <summary>A token whose signature verified under <paramref name="Kid"/>; <paramref name="Claims"/> is the raw payload.</summary>
    public sealed record Opened(string Kid, byte[] Claims);

    /// <summary>Why a token could not be opened: one of the § 3 codes malformed, alg-not-allowed, unknown-key, bad-signature.</summary>
    public sealed record Refused(string Reason, string Detail);

    /// <param name="key">kid → public key, or null when the kid is not trusted.</param>
    public static Refused? TryOpen(string token, Func<string, ECDsa?> key, out Opened opened)
    {
        opened = null!;
        if (!CompactJws.TryParse(token, out var jws, out var problem))
            // "alg":"none" usually comes with an empty signature part; name the real refusal, not the shape.
            return CompactJws.HeaderAlg(token) is { } named && named != Algorithm
                ? new(RejectionReasons.AlgNotAllowed, "only ES256 is accepted")
                : new(RejectionReasons.Malformed, problem);
        if (!CompactJws.TryParseObject(jws.Header, out var header)) return new(RejectionReasons.Malformed, "header is not a JSON object");
        string kid;
        using (header)
        {
            var root = header.RootElement;
            if (root.TryGetProperty("crit", out _)) return new(RejectionReasons.Malformed, "header has crit parameters");
            if (!root.TryGetProperty("alg", out var alg) || alg.ValueKind != JsonValueKind.String)
                return new(RejectionReasons.Malformed, "header has no alg");
            if (alg.GetString() != Algorithm) return new(RejectionReasons.AlgNotAllowed, "only ES256 is accepted");
            if (!root.TryGetProperty("kid", out var kidElement) || kidElement.ValueKind != JsonValueKind.String)
                return new(RejectionReasons.UnknownKey, "header has no kid");
            kid = kidElement.GetString()!;
        }
        if (!References.IsSafeKeyId(kid)) return new(RejectionReasons.UnknownKey, "kid is not a valid key name");
        var publicKey = key(kid);
        if (publicKey is null) return new(RejectionReasons.UnknownKey, $"no trusted key '{kid}'");
        if (publicKey.KeySize != 256) return new(RejectionReasons.UnknownKey, $"trusted key '{kid}' is not P-256");
        if (!Verifies(publicKey, CompactJws.Ascii(jws.SigningInput), jws.Signature))
            return new(RejectionReasons.BadSignature, "signature does not verify");
        opened = new Opened(kid, jws.Payload);
        return null;
    }

    /// <summary>RFC 7518 § 3.4: the raw 64-byte r||s over SHA-256; a DER signature is not ES256.</summary>
    public static bool Verifies(ECDsa key, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        if (key.KeySize != 256 || signature.Length != 64) return false;
        try { return key.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation); }
        catch (CryptographicException) { return false; }
    }
}

using System.Security.Cryptography;
using System.Text.Json;

namespace Frikommune.Edge.Decisions;

/// <summary>
/// Signs claims as an ES256 compact JWS. The municipality signs real decisions elsewhere; this exists for
/// the <c>--simulate</c> demo decisions and for tests.
/// </summary>
public static class TokenSigner
{
    public static string Sign(ECDsa key, string keyId, DecisionClaimsPayload claims) =>
        SignPayload(key, keyId, JsonSerializer.SerializeToUtf8Bytes(claims, DecisionListFormat.Compact.DecisionClaimsPayload));

    /// <summary>Any claims, also ones the contract forbids: for tests that forge tokens.</summary>
    public static string Sign(ECDsa key, string keyId, object claims) => SignPayload(key, keyId, JsonSerializer.SerializeToUtf8Bytes(claims));

    static string SignPayload(ECDsa key, string keyId, byte[] payload)
    {
        var header = JsonSerializer.SerializeToUtf8Bytes(new JwsHeader("ES256", keyId), DecisionListFormat.Compact.JwsHeader);
        var signingInput = CompactJws.Encode(header) + "." + CompactJws.Encode(payload);
        var signature = key.SignData(CompactJws.Ascii(signingInput), HashAlgorithmName.SHA256,
            DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return signingInput + "." + CompactJws.Encode(signature);
    }
}

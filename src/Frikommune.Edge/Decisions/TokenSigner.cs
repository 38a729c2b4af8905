using System.Security.Cryptography;
using System.Text.Json;

namespace Frikommune.Edge.Decisions;

/// <summary>
/// Signs claims as an ES256 compact JWS. The municipality signs real decisions elsewhere; this exists for
/// the <c>--simulate</c> demo decisions and for tests.
/// </summary>
public static class TokenSigner
{
    public static string Sign(ECDsa key, string keyId, object claims)
    {
        var header = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["alg"] = "ES256", ["kid"] = keyId });
        var payload = JsonSerializer.SerializeToUtf8Bytes(claims);
        var signingInput = CompactJws.Encode(header) + "." + CompactJws.Encode(payload);
        var signature = key.SignData(CompactJws.Ascii(signingInput), HashAlgorithmName.SHA256,
            DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return signingInput + "." + CompactJws.Encode(signature);
    }
}

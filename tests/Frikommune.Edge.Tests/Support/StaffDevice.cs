using System.Security.Cryptography;
using System.Text;
using Frikommune.Edge.Decisions;

namespace Frikommune.Edge.Tests.Support;

/// <summary>
/// A staff device as CONTRACT § 4 knows it: its own P-256 key, registered in the site's <c>devices/</c> folder (as
/// <c>devices add</c> does), signing every command as a compact ES256 JWS with <c>iss</c>, <c>iat</c> and a fresh <c>jti</c>.
/// </summary>
public sealed class StaffDevice : IDisposable
{
    int _next;

    public StaffDevice(TestSite site, string id = "tablet-1", TimeProvider? time = null, bool register = true)
    {
        Id = id;
        Time = time ?? TimeProvider.System;
        if (!register) return;
        var folder = Path.Combine(site.ConfigDirectory, "devices");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, id + ".pem"), Key.ExportSubjectPublicKeyInfoPem());
    }

    public string Id { get; }
    public ECDsa Key { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    public TimeProvider Time { get; }

    /// <summary>The command's fields plus iss, iat (now, unless given) and a new jti (unless given), signed.</summary>
    public string Sign(IReadOnlyDictionary<string, object?> fields, DateTimeOffset? issuedAt = null, string? jti = null, string? kid = null) =>
        TokenSigner.Sign(Key, kid ?? Id, Claims(fields, issuedAt, jti));

    public string Sign(object fields, DateTimeOffset? issuedAt = null, string? jti = null, string? kid = null) =>
        Sign(System.Text.Json.JsonSerializer.SerializeToElement(fields).EnumerateObject()
            .ToDictionary(p => p.Name, p => (object?)p.Value), issuedAt, jti, kid);

    public Dictionary<string, object?> Claims(IReadOnlyDictionary<string, object?> fields, DateTimeOffset? issuedAt = null, string? jti = null)
    {
        var claims = new Dictionary<string, object?>(fields)
        {
            ["iss"] = Id,
            ["iat"] = (issuedAt ?? Time.GetUtcNow()).ToUnixTimeSeconds(),
            ["jti"] = jti ?? $"{Id}-{Interlocked.Increment(ref _next)}-{Guid.NewGuid():N}"[..40],
        };
        return claims;
    }

    /// <summary>The <c>sig</c> of § 4: ES256 (r||s, base64url) over the stream token.</summary>
    public string StreamSignature(string token) => CompactJws.Encode(
        Key.SignData(Encoding.ASCII.GetBytes(token), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));

    /// <summary>A grant's <c>streamUrl</c> with <c>&amp;sig=</c> added, as the device that asked would open it.</summary>
    public string SignedStreamUrl(string streamUrl)
    {
        var token = System.Web.HttpUtility.ParseQueryString(new Uri(new Uri("http://x"), streamUrl).Query)["token"]!;
        return $"{streamUrl}&sig={StreamSignature(token)}";
    }

    public void Dispose() => Key.Dispose();
}

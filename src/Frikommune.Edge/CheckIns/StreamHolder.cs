using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Frikommune.Edge.Decisions;
using Frikommune.Edge.Cameras;

namespace Frikommune.Edge.CheckIns;

/// <summary>
/// Who a stream token was granted to (CONTRACT § 5): the token alone is not enough, so whoever merely reads a grant
/// (a reply on the broker, a URL in a log) cannot watch.
/// </summary>
public abstract record StreamHolder
{
    /// <summary>An HTTP grant: only the same logged-in user may open the stream.</summary>
    public sealed record User(string Name) : StreamHolder;

    /// <summary>An MQTT grant: only with <c>&amp;sig=</c>, the device's ES256 signature (base64url r||s) over the token.</summary>
    public sealed record Device(string Id) : StreamHolder;

    /// <summary>True when <paramref name="signature"/> is the device key's ES256 signature over <paramref name="token"/>.</summary>
    public static bool SignedBy(ECDsa? deviceKey, string token, string? signature)
    {
        if (deviceKey is null || signature is not { Length: 86 }) return false;
        var bytes = new byte[64];
        if (Base64Url.DecodeFromChars(signature, bytes, out var read, out var written) != System.Buffers.OperationStatus.Done
            || read != signature.Length || written != 64)
            return false;
        return Es256Jws.Verifies(deviceKey, Encoding.ASCII.GetBytes(token), bytes);
    }
}

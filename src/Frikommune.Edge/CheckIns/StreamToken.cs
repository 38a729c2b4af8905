using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Frikommune.Edge.Cameras;

namespace Frikommune.Edge.CheckIns;

/// <summary>
/// The one-time credential of a check-in stream (CONTRACT § 5: the stream URL needs no login). 256 random bits;
/// only its SHA-256 is kept, so a leaked session table does not open a stream.
/// </summary>
public static class StreamToken
{
    public static string New() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    /// <summary>Compares in constant time so the response time does not leak how much of a guess was right.</summary>
    public static bool Matches(string? token, byte[] expectedHash) =>
        token is { Length: > 0 and <= 256 } && CryptographicOperations.FixedTimeEquals(Hash(token), expectedHash);
}

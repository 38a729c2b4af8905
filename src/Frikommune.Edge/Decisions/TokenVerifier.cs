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
        if (Es256Jws.TryOpen(token, _trustedKey, out var opened) is { } refused) return TokenResult.Reject(refused.Reason, refused.Detail);
        return _claims.Read(token, opened.Kid, _scopeOf(opened.Kid), opened.Claims, now);
    }
}

using System.Security.Cryptography;
using System.Text;
using Frikommune.Edge.StaffCommands;
using Frikommune.Edge.Audit;

namespace Frikommune.Edge.Decisions;

/// <summary>
/// Retained tokens arrive again after every reconnect. A rejected one is audited once per distinct token, not at
/// every reconnect; and a token no trusted key signed (anyone can publish one) is audited at most once per reason
/// per minute, so a stranger publishing endless distinct garbage cannot fill the trail. Bounded: the oldest
/// remembered rejection is forgotten first (it is then audited once more, still within the per-minute bound).
/// </summary>
public sealed class RejectedTokens(int capacity = RejectedTokens.DefaultCapacity)
{
    public const int DefaultCapacity = 10_000;
    static readonly HashSet<string> Unsigned =
        [RejectionReasons.Malformed, RejectionReasons.AlgNotAllowed, RejectionReasons.UnknownKey, RejectionReasons.BadSignature];
    readonly Lock _lock = new();
    readonly HashSet<string> _seen = [];
    readonly Queue<string> _order = new();
    readonly RefusalThrottle _throttle = new();

    public static string Fingerprint(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token.Trim())));

    /// <summary>True when this token was rejected before: it is not imported or audited again.</summary>
    public bool WasRejected(string fingerprint)
    {
        lock (_lock) return _seen.Contains(fingerprint);
    }

    public void Remember(string fingerprint)
    {
        lock (_lock)
        {
            if (!_seen.Add(fingerprint)) return;
            _order.Enqueue(fingerprint);
            if (_order.Count > capacity) _seen.Remove(_order.Dequeue());
        }
    }

    /// <summary>Whether a first rejection is to be audited: always when a trusted key signed the token, else once per reason a minute.</summary>
    public bool ShouldAudit(TokenRejection rejection, DateTimeOffset now) =>
        !Unsigned.Contains(rejection.Reason) || _throttle.ShouldRecord("decision-" + rejection.Reason, CommandRefusals.UnknownSource, now, out _);
}

using System.Net;
using Frikommune.Edge.Users;
using Frikommune.Edge.Web.Page;
using Frikommune.Edge.Storage;

namespace Frikommune.Edge.Web;

public enum LoginVerdict { Accepted, Refused, Locked, Busy }

public readonly record struct LoginAttempt(LoginVerdict Verdict, User? User = null);

/// <summary>
/// The one way a password is checked, for the login form and HTTP Basic alike: credentials proved right in the
/// last few minutes pass at once (so a locked-out name does not cut off a tablet already logged in); otherwise a
/// locked name or address is refused without a check, and each wrong password counts towards the lock.
/// Logs a failed login with the name and address (never the password), and a lock once when it engages.
/// </summary>
public sealed class LoginGate(UserStore users, LoginThrottle throttle, Metrics.GatewayMetrics metrics, ILogger<LoginGate> log)
{
    public const string RefusedMetric = "frikommune_http_logins_refused_total";

    public async Task<LoginAttempt> TryAsync(string name, string password, IPAddress? from, string via, CancellationToken cancel)
    {
        if (users.Remembered(name, password) is { } known) return new LoginAttempt(LoginVerdict.Accepted, known);
        if (throttle.IsLocked(name, from)) return Count(new LoginAttempt(LoginVerdict.Locked), via, "locked");
        var check = await users.VerifyAsync(name, password, cancel);
        if (check.Busy) return Count(new LoginAttempt(LoginVerdict.Busy), via, "busy");
        if (check.User is { } user)
        {
            throttle.Succeeded(name, from);
            return new LoginAttempt(LoginVerdict.Accepted, user);
        }
        var locked = throttle.Failed(name, from);
        log.LogWarning("Failed {Via} login for user {User} from {Remote}{Locked}", via, Shorten(name), from,
            locked ? $"; locked for {LoginThrottle.LockFor.TotalMinutes:0} minutes" : "");
        return Count(new LoginAttempt(locked ? LoginVerdict.Locked : LoginVerdict.Refused), via, "wrong-password");
    }

    /// <summary>Counted by outcome: <c>wrong-password</c> (a password was checked), <c>locked</c> or <c>busy</c> (none was).</summary>
    LoginAttempt Count(LoginAttempt attempt, string via, string outcome)
    {
        metrics.Counter(RefusedMetric, "Logins refused, by way in (basic, form) and outcome (wrong-password, locked, busy, …)")
            .Add(1, Metrics.GatewayMetrics.Tag("via", via), Metrics.GatewayMetrics.Tag("outcome", outcome));
        return attempt;
    }

    static string Shorten(string name) => name.Length > 64 ? name[..64] + "…" : name;
}

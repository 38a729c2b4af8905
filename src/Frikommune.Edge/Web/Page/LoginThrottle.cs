using System.Collections.Concurrent;

namespace Frikommune.Edge.Web.Page;

/// <summary>
/// Locks a user name out of the login form after <see cref="MaxFailures"/> wrong passwords in a row, for
/// <see cref="LockFor"/>, so a password cannot be guessed at the speed of the network.
/// </summary>
public sealed class LoginThrottle(TimeProvider time)
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan LockFor = TimeSpan.FromMinutes(5);
    const int MaxTracked = 10_000;

    readonly ConcurrentDictionary<string, (int Failures, DateTimeOffset Last, DateTimeOffset? LockedUntil)> _users = new(StringComparer.Ordinal);

    public bool IsLocked(string name) =>
        _users.TryGetValue(name, out var u) && u.LockedUntil is { } until && until > time.GetUtcNow();

    /// <summary>Records a wrong password; true when the name is now locked.</summary>
    public bool Failed(string name)
    {
        var now = time.GetUtcNow();
        if (_users.Count >= MaxTracked) Forget(now);
        var entry = _users.AddOrUpdate(name,
            _ => (1, now, null),
            (_, u) =>
            {
                var failures = u.LockedUntil is { } until && until <= now ? 1 : u.Failures + 1;
                return (failures, now, failures >= MaxFailures ? now + LockFor : null);
            });
        return entry.LockedUntil is not null;
    }

    public void Succeeded(string name) => _users.TryRemove(name, out _);

    void Forget(DateTimeOffset now)
    {
        foreach (var (name, u) in _users)
            if ((u.LockedUntil ?? u.Last + LockFor) <= now) _users.TryRemove(name, out _);
    }
}

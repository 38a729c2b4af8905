using System.Collections.Concurrent;
using System.Net;

namespace Frikommune.Edge.Web.Page;

/// <summary>
/// One lockout for the login form and HTTP Basic: a user name is locked after <see cref="MaxFailures"/> wrong
/// passwords, a source address after <see cref="MaxAddressFailures"/> (whatever names it tried), each for
/// <see cref="LockFor"/>, so a password cannot be guessed at the speed of the network nor sprayed over many
/// names. Failures older than <see cref="LockFor"/> are forgotten. Unknown names count like known ones, so the
/// lock does not tell them apart.
/// </summary>
public sealed class LoginThrottle(TimeProvider time)
{
    public const int MaxFailures = 5;
    public const int MaxAddressFailures = 20;
    public static readonly TimeSpan LockFor = TimeSpan.FromMinutes(5);
    const int MaxTracked = 10_000;

    readonly ConcurrentDictionary<string, Entry> _keys = new(StringComparer.Ordinal);

    public bool IsLocked(string name, IPAddress? from = null) =>
        Locked(NameKey(name)) || (from is not null && Locked(AddressKey(from)));

    /// <summary>Records a wrong password; true when the name or the address is now locked.</summary>
    public bool Failed(string name, IPAddress? from = null)
    {
        var now = time.GetUtcNow();
        if (_keys.Count >= MaxTracked) Forget(now);
        var locked = Count(NameKey(name), MaxFailures, now);
        if (from is not null) locked |= Count(AddressKey(from), MaxAddressFailures, now);
        return locked;
    }

    /// <summary>Clears the name's count. The address keeps its count: one good login must not buy an address more guesses.</summary>
    public void Succeeded(string name, IPAddress? from = null) => _keys.TryRemove(NameKey(name), out _);

    bool Locked(string key) => _keys.TryGetValue(key, out var e) && e.LockedUntil is { } until && until > time.GetUtcNow();

    bool Count(string key, int max, DateTimeOffset now) =>
        _keys.AddOrUpdate(key,
            _ => new Entry(1, now, max <= 1 ? now + LockFor : null),
            (_, e) =>
            {
                var fresh = (e.LockedUntil is { } until && until <= now) || (e.LockedUntil is null && e.Last + LockFor <= now);
                var failures = fresh ? 1 : e.Failures + 1;
                var lockedUntil = e.LockedUntil is { } still && still > now ? still : failures >= max ? now + LockFor : (DateTimeOffset?)null;
                return new Entry(failures, now, lockedUntil);
            }).LockedUntil is { } u && u > now;

    static string NameKey(string name) => "u:" + (name.Length > 128 ? name[..128] : name);
    static string AddressKey(IPAddress address) => "a:" + (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);

    void Forget(DateTimeOffset now)
    {
        foreach (var (key, e) in _keys)
            if ((e.LockedUntil ?? e.Last + LockFor) <= now) _keys.TryRemove(key, out _);
    }

    readonly record struct Entry(int Failures, DateTimeOffset Last, DateTimeOffset? LockedUntil);
}

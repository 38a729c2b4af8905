using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Frikommune.Edge.Users;

namespace Frikommune.Edge.Storage;

public sealed class UsersSchema : ISchema
{
    public string Name => "users";
    public IReadOnlyList<string> Migrations { get; } =
    [
        "CREATE TABLE users (name TEXT PRIMARY KEY, role TEXT NOT NULL, password_hash TEXT NOT NULL, changed TEXT NOT NULL);",
        SessionRows.Migration,
    ];
}

/// <summary>
/// Local users of the web page and API. A successful check is remembered for a few minutes (keyed by an HMAC of
/// the credentials and the stored hash under a per-process key) so HTTP Basic does not pay PBKDF2 on every
/// request; a password changed by <c>users add</c> in another process changes the stored hash and so ends that
/// memory at once. Unknown names are checked against a dummy hash, so the answer takes as long as for a known
/// name. At most <see cref="ConcurrentChecks"/> PBKDF2 checks run at once and a few wait; more are refused
/// (<see cref="PasswordCheck.Busy"/>) so a guessing burst cannot take every core from the gateway.
/// </summary>
public sealed class UserStore(Database database, TimeProvider time)
{
    static readonly TimeSpan RememberFor = TimeSpan.FromMinutes(5);
    static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(2);
    // Random salt and hash in the stored form: verifying against it costs the same PBKDF2 work as a real user, and no password matches.
    static readonly string DummyHash = $"pbkdf2-sha512${PasswordHasher.DefaultIterations}$TvBfNZ8QRnrT9J/D32PSAg==$o/hlCXo9s41OREZibfZQTxK42y6QyrBMCl2Xeya5/4A=";
    public static readonly int ConcurrentChecks = Math.Max(1, Environment.ProcessorCount / 2);
    const int MaxWaiting = 8;

    readonly byte[] _cacheKey = RandomNumberGenerator.GetBytes(32);
    readonly ConcurrentDictionary<string, DateTimeOffset> _verified = new();
    readonly SemaphoreSlim _checks = new(ConcurrentChecks, ConcurrentChecks);
    readonly ConcurrentDictionary<string, Lazy<Task<PasswordCheck>>> _inFlight = new();
    int _queued;

    public static bool IsValidName(string name) => Decisions.References.IsSafe(name);

    public void AddOrReplace(string name, string role, string password)
    {
        if (!IsValidName(name)) throw new ArgumentException("a user name is 1-64 characters of A-Z a-z 0-9 . _ -");
        if (!Roles.All.Contains(role)) throw new ArgumentException($"role must be {string.Join(" or ", Roles.All)}");
        if (PasswordPolicy.Problem(name, password) is { } problem) throw new ArgumentException(problem);
        using var connection = database.Open();
        using var tx = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = """
            INSERT INTO users(name, role, password_hash, changed) VALUES($n, $r, $h, $t)
            ON CONFLICT(name) DO UPDATE SET role = $r, password_hash = $h, changed = $t
            """;
        command.Parameters.AddWithValue("$n", name);
        command.Parameters.AddWithValue("$r", role);
        command.Parameters.AddWithValue("$h", PasswordHasher.Hash(password));
        command.Parameters.AddWithValue("$t", time.GetUtcNow().ToString("O"));
        command.ExecuteNonQuery();
        SessionRows.EndAllOf(connection, tx, name);
        tx.Commit();
        _verified.Clear();
    }

    /// <summary>Removes the user and ends their sessions; false when there was no such user.</summary>
    public bool Remove(string name)
    {
        using var connection = database.Open();
        using var tx = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = "DELETE FROM users WHERE name = $n";
        command.Parameters.AddWithValue("$n", name);
        var removed = command.ExecuteNonQuery() > 0;
        SessionRows.EndAllOf(connection, tx, name);
        tx.Commit();
        _verified.Clear();
        return removed;
    }

    public IReadOnlyList<UserListing> List()
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name, role, changed FROM users ORDER BY name";
        using var reader = command.ExecuteReader();
        var users = new List<UserListing>();
        while (reader.Read()) users.Add(new UserListing(reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        return users;
    }

    /// <summary>The user as stored now, or null: sessions look here so a changed role counts at once.</summary>
    public User? Find(string name) => Row(name) is { } row ? new User(name, row.Role) : null;

    /// <summary>
    /// Changes whenever the user's role or password is set, null once the user is removed: a long-lived request
    /// authenticated once (an event stream over Basic auth) compares it to end when its credentials no longer hold.
    /// </summary>
    public string? Stamp(string name) => Row(name) is { } row ? $"{row.Role}:{row.Hash}" : null;

    /// <summary>The user when these exact credentials were checked in the last few minutes, without PBKDF2.</summary>
    public User? Remembered(string name, string password)
    {
        if (Row(name) is not { } row) return null;
        return _verified.TryGetValue(CacheKey(name, password, row.Hash), out var until) && until > time.GetUtcNow() ? new User(name, row.Role) : null;
    }

    /// <summary>
    /// Checks the password with PBKDF2, bounded as the class says. The same credentials asked at once (a tablet
    /// opening several connections) share one check instead of queueing several.
    /// </summary>
    public Task<PasswordCheck> VerifyAsync(string name, string password, CancellationToken cancel = default)
    {
        var key = CacheKey(name, password, Row(name)?.Hash ?? "");
        var shared = _inFlight.GetOrAdd(key, _ => new Lazy<Task<PasswordCheck>>(() => CheckBoundedAsync(name, password, key)));
        return shared.Value.WaitAsync(cancel);
    }

    async Task<PasswordCheck> CheckBoundedAsync(string name, string password, string key)
    {
        try
        {
            if (Interlocked.Increment(ref _queued) > ConcurrentChecks + MaxWaiting) return new PasswordCheck(null, Busy: true);
            if (!await _checks.WaitAsync(MaxWait)) return new PasswordCheck(null, Busy: true);
            // On a thread of its own, not the thread pool's: a PBKDF2 check must never hold a thread /healthz needs.
            try { return new PasswordCheck(await Task.Factory.StartNew(() => Check(name, password), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)); }
            finally { _checks.Release(); }
        }
        finally
        {
            Interlocked.Decrement(ref _queued);
            _inFlight.TryRemove(key, out _);
        }
    }

    User? Check(string name, string password)
    {
        var row = password.Length <= PasswordPolicy.MaxLength && IsValidName(name) ? Row(name) : null;
        // The same PBKDF2 work whether or not the name exists, so timing does not tell staff names apart.
        var matches = PasswordHasher.Verify(password.Length <= PasswordPolicy.MaxLength ? password : "", row?.Hash ?? DummyHash);
        if (row is null || !matches) return null;
        _verified[CacheKey(name, password, row.Value.Hash)] = time.GetUtcNow() + RememberFor;
        if (_verified.Count > 1000) Forget();
        return new User(name, row.Value.Role);
    }

    void Forget()
    {
        var now = time.GetUtcNow();
        foreach (var (key, until) in _verified)
            if (until <= now) _verified.TryRemove(key, out _);
    }

    (string Role, string Hash)? Row(string name)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT role, password_hash FROM users WHERE name = $n";
        command.Parameters.AddWithValue("$n", name);
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetString(0), reader.GetString(1)) : null;
    }

    string CacheKey(string name, string password, string storedHash) =>
        Convert.ToBase64String(HMACSHA256.HashData(_cacheKey, Encoding.UTF8.GetBytes(name + "\0" + password + "\0" + storedHash)));

    public int Count()
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM users";
        return Convert.ToInt32(command.ExecuteScalar());
    }
}

using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Frikommune.Edge.Storage;

namespace Frikommune.Edge.Users;

public static class Roles
{
    public const string Staff = "staff";
    public const string Technician = "technician";
    public static readonly string[] All = [Staff, Technician];
}

public sealed record User(string Name, string Role);

public sealed class UsersSchema : ISchema
{
    public string Name => "users";
    public IReadOnlyList<string> Migrations { get; } =
        ["CREATE TABLE users (name TEXT PRIMARY KEY, role TEXT NOT NULL, password_hash TEXT NOT NULL, changed TEXT NOT NULL);"];
}

/// <summary>
/// Local users of the web page and API. A successful check is remembered for a few minutes (keyed by an
/// HMAC of the credentials under a per-process key) so HTTP Basic does not pay PBKDF2 on every request.
/// </summary>
public sealed class UserStore(Database database, TimeProvider time)
{
    static readonly TimeSpan RememberFor = TimeSpan.FromMinutes(5);
    readonly byte[] _cacheKey = RandomNumberGenerator.GetBytes(32);
    readonly ConcurrentDictionary<string, (User User, DateTimeOffset Until)> _verified = new();

    public static bool IsValidName(string name) => Configuration.ConfigurationValidator.IsReference(name);

    public void AddOrReplace(string name, string role, string password)
    {
        if (!IsValidName(name)) throw new ArgumentException("a user name is 1-64 characters of A-Z a-z 0-9 . _ -");
        if (!Roles.All.Contains(role)) throw new ArgumentException($"role must be {string.Join(" or ", Roles.All)}");
        if (password.Length < 8) throw new ArgumentException("the password must be at least 8 characters");
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO users(name, role, password_hash, changed) VALUES($n, $r, $h, $t)
            ON CONFLICT(name) DO UPDATE SET role = $r, password_hash = $h, changed = $t
            """;
        command.Parameters.AddWithValue("$n", name);
        command.Parameters.AddWithValue("$r", role);
        command.Parameters.AddWithValue("$h", PasswordHasher.Hash(password));
        command.Parameters.AddWithValue("$t", time.GetUtcNow().ToString("O"));
        command.ExecuteNonQuery();
        _verified.Clear();
    }

    public User? Authenticate(string name, string password)
    {
        var now = time.GetUtcNow();
        var key = Convert.ToBase64String(HMACSHA256.HashData(_cacheKey, Encoding.UTF8.GetBytes(name + "\0" + password)));
        if (_verified.TryGetValue(key, out var hit) && hit.Until > now) return hit.User;
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT role, password_hash FROM users WHERE name = $n";
        command.Parameters.AddWithValue("$n", name);
        using var reader = command.ExecuteReader();
        if (!reader.Read() || !PasswordHasher.Verify(password, reader.GetString(1))) return null;
        var user = new User(name, reader.GetString(0));
        _verified[key] = (user, now + RememberFor);
        return user;
    }

    public int Count()
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM users";
        return Convert.ToInt32(command.ExecuteScalar());
    }
}

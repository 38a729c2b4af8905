using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Frikommune.Edge.Audit;
using Frikommune.Edge.Clock;
using Frikommune.Edge.Decisions;

namespace Frikommune.Edge.Tests.Decisions;

/// <summary>Keys, claims and tokens for the decision tests.</summary>
internal sealed class DecisionTestKit : IDisposable
{
    public const string Site = "herning-bo1";
    public const string Kid = "herning-2026";
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    public ECDsa Key { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    public Dictionary<string, ECDsa> Keys { get; } = new();

    public DecisionTestKit()
    {
        Keys[Kid] = Key;
        Keys["demo"] = Key;
    }

    public TokenVerifier Verifier(int maxPeriodDays = 366) =>
        new(kid => Keys.GetValueOrDefault(kid), Site, maxPeriodDays);

    public static Dictionary<string, object?> Claims(string jti = "d-2026-0042", string sub = "resident-7f3a",
        DateTimeOffset? nbf = null, DateTimeOffset? exp = null) => new()
    {
        ["iss"] = "herning-kommune", ["jti"] = jti, ["sub"] = sub, ["site"] = Site,
        ["iat"] = Now.AddDays(-2).ToUnixTimeSeconds(),
        ["nbf"] = (nbf ?? Now.AddDays(-1)).ToUnixTimeSeconds(),
        ["exp"] = (exp ?? Now.AddDays(30)).ToUnixTimeSeconds(),
        ["basis"] = "§14f", ["measures"] = new[] { "sleep-monitoring", "video-checkin" },
        ["rooms"] = new[] { "room-12" }, ["doors"] = Array.Empty<string>(),
        ["consent"] = new { by = "guardian", date = "2026-11-01" },
        ["checkin"] = new { maxSeconds = 30, minGapSeconds = 600, maxPer24h = 6, triggers = new[] { "sleep-alarm", "staff-request" } },
    };

    public static Dictionary<string, object?> DoorClaims(string jti = "d-door-1", string door = "door-west") => new(Claims(jti))
    {
        ["basis"] = "§14b", ["measures"] = new[] { "door-opener" }, ["rooms"] = Array.Empty<string>(),
        ["doors"] = new[] { door },
    };

    public static Dictionary<string, object?> RevocationClaims(string revokes, string jti = "r-2026-0001") => new()
    {
        ["iss"] = "herning-kommune", ["jti"] = jti, ["site"] = Site, ["iat"] = Now.ToUnixTimeSeconds(), ["revokes"] = revokes,
    };

    public string Sign(object claims, string kid = Kid) => TokenSigner.Sign(Key, kid, claims);

    public static string B64(string json) => B64(Encoding.UTF8.GetBytes(json));
    public static string B64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    public static string Json(object value) => JsonSerializer.Serialize(value);

    /// <summary>A token with any header and a signature made by <paramref name="sign"/> over the signing input.</summary>
    public static string Assemble(string headerJson, object claims, Func<byte[], byte[]> sign)
    {
        var input = B64(headerJson) + "." + B64(Json(claims));
        return input + "." + B64(sign(Encoding.ASCII.GetBytes(input)));
    }

    public void Dispose()
    {
        foreach (var key in Keys.Values) key.Dispose();
    }
}

/// <summary>A hand-written audit trail that keeps what it is given.</summary>
internal sealed class CollectingAuditTrail : IAuditTrail
{
    public List<AuditEntry> Entries { get; } = new();

    public Task<long> AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        Entries.Add(entry);
        return Task.FromResult((long)Entries.Count);
    }
}

internal sealed class SettableClockTrust : IClockTrust
{
    bool _trusted = true;

    public bool IsTrusted
    {
        get => _trusted;
        set
        {
            _trusted = value;
            foreach (var observer in _observers.Now) observer.OnClockTrustChanged();
        }
    }

    readonly Frikommune.Edge.Observing.Observers<IClockTrustObserver> _observers = new();

    public string? Problem => _trusted ? null : "test says so";
    public IDisposable Subscribe(IClockTrustObserver observer) => _observers.Add(observer);
}

using Frikommune.Edge.Decisions;
using Frikommune.Edge.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using static Frikommune.Edge.Tests.Decisions.DecisionTestKit;

namespace Frikommune.Edge.Tests.Decisions;

public sealed class CachedDecisionsTests : IDisposable
{
    readonly DecisionTestKit _kit = new();
    readonly string _dir = Directory.CreateTempSubdirectory("decision-cache-").FullName;
    readonly string _trust;
    readonly DecisionStore _store;
    readonly CollectingAuditTrail _audit = new();

    public CachedDecisionsTests()
    {
        _trust = Directory.CreateDirectory(Path.Combine(_dir, "trust")).FullName;
        File.WriteAllText(Path.Combine(_trust, Kid + ".pem"), _kit.Key.ExportSubjectPublicKeyInfoPem());
        var database = new Database(Path.Combine(_dir, "data", "gateway.db"));
        database.Migrate([new DecisionSchema()]);
        _store = new DecisionStore(database);
    }

    public void Dispose()
    {
        _kit.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    (DecisionRegistry Registry, IReadOnlyList<SkippedToken> Skipped) Start(TrustedKeys keys)
    {
        var registry = new DecisionRegistry(new SettableClockTrust());
        var skipped = CachedDecisions.LoadInto(registry, _store, new TokenVerifier(keys.Find, Site, 366));
        return (registry, skipped);
    }

    async Task Import(TrustedKeys keys, object claims, string kid = Kid)
    {
        var importer = new DecisionImporter(new TokenVerifier(keys.Find, Site, 366), _store,
            new DecisionRegistry(new SettableClockTrust()), _audit, new FakeTimeProvider(Now));
        Assert.True((await importer.ImportAsync(_kit.Sign(claims, kid), "test")).IsAccepted);
    }

    [Fact]
    public async Task Cached_decisions_and_revocations_come_back_at_start()
    {
        using var keys = new TrustedKeys(_trust);
        await Import(keys, Claims(jti: "d-a"));
        await Import(keys, Claims(jti: "d-b"));
        await Import(keys, RevocationClaims("d-b"));

        var (registry, skipped) = Start(keys);

        Assert.Empty(skipped);
        Assert.Equal(["d-a"], registry.Check(Measures.SleepMonitoring, "room-12", null, Now).DecisionIds);
        Assert.Equal("revoked", registry.States(Now).Single(v => v.Id == "d-b").State);
    }

    [Fact]
    public async Task An_ended_cached_decision_comes_back_as_expired()
    {
        using var keys = new TrustedKeys(_trust);
        await Import(keys, Claims(nbf: Now.AddDays(-2), exp: Now.AddDays(1)));

        var (registry, _) = Start(keys);

        Assert.Equal("expired", Assert.Single(registry.States(Now.AddDays(2))).State);
    }

    [Fact]
    public async Task Removing_a_key_from_the_trust_folder_takes_its_decisions_out_of_force()
    {
        using (var keys = new TrustedKeys(_trust)) await Import(keys, Claims());
        File.Delete(Path.Combine(_trust, Kid + ".pem"));

        using var now = new TrustedKeys(_trust);
        var (registry, skipped) = Start(now);

        Assert.Equal(0, registry.Count);
        Assert.Equal(new SkippedToken("d-2026-0042", RejectionReasons.UnknownKey, $"no trusted key '{Kid}'"), Assert.Single(skipped));
    }

    [Fact]
    public async Task A_revocation_still_holds_when_its_key_is_removed()
    {
        const string revoker = "herning-revoker";
        File.WriteAllText(Path.Combine(_trust, revoker + ".pem"), _kit.Key.ExportSubjectPublicKeyInfoPem());
        using (var keys = new TrustedKeys(_trust))
        {
            await Import(keys, Claims());
            await Import(keys, RevocationClaims("d-2026-0042"), kid: revoker);
        }
        File.Delete(Path.Combine(_trust, revoker + ".pem"));

        using var now = new TrustedKeys(_trust);
        var (registry, _) = Start(now);

        Assert.Equal(InForceReasons.Revoked, registry.Check(Measures.SleepMonitoring, "room-12", null, Now).Reason);
    }
}

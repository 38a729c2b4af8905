using Frikommune.Edge.Decisions;
using Frikommune.Edge.Storage;
using Microsoft.Data.Sqlite;
using static Frikommune.Edge.Tests.Decisions.DecisionTestKit;

namespace Frikommune.Edge.Tests.Decisions;

public sealed class ExpiryAuditorTests : IDisposable
{
    readonly DecisionTestKit _kit = new();
    readonly string _dir = Directory.CreateTempSubdirectory("decision-expiry-").FullName;
    readonly Database _database;
    readonly DecisionStore _store;
    readonly DecisionRegistry _registry = new(new SettableClockTrust());
    readonly CollectingAuditTrail _audit = new();

    public ExpiryAuditorTests()
    {
        _database = new Database(Path.Combine(_dir, "gateway.db"));
        _database.Migrate([new DecisionSchema()]);
        _store = new DecisionStore(_database);
    }

    public void Dispose()
    {
        _kit.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    void Cache(string jti, DateTimeOffset exp)
    {
        var verified = _kit.Verifier().Verify(_kit.Sign(Claims(jti: jti, nbf: Now.AddDays(-1), exp: exp)), Now).Verified!;
        _store.Add(verified, Now, "test");
        _registry.Add(verified.Decision!);
    }

    [Fact]
    public async Task Each_expiry_is_audited_once_when_exp_passes()
    {
        Cache("d-a", Now.AddHours(1));
        Cache("d-b", Now.AddHours(2));
        var auditor = new ExpiryAuditor(_registry, _store, _audit);

        Assert.Equal(0, await auditor.AuditExpiriesAsync(Now.AddHours(1).AddTicks(-1)));
        Assert.Equal(1, await auditor.AuditExpiriesAsync(Now.AddHours(1)));
        Assert.Equal(0, await auditor.AuditExpiriesAsync(Now.AddHours(1)));
        Assert.Equal(1, await auditor.AuditExpiriesAsync(Now.AddHours(3)));

        Assert.Equal(["d-a", "d-b"], _audit.Entries.Select(e => e.Refs.Decision));
        Assert.All(_audit.Entries, e => Assert.Equal(DecisionAuditKinds.Expired, e.Kind));
        Assert.Equal("resident-7f3a", _audit.Entries[0].Refs.Resident);
    }

    [Fact]
    public async Task An_expiry_audited_before_a_restart_is_not_audited_again()
    {
        Cache("d-a", Now.AddHours(1));
        await new ExpiryAuditor(_registry, _store, _audit).AuditExpiriesAsync(Now.AddHours(2));

        var afterRestart = new ExpiryAuditor(_registry, new DecisionStore(new Database(_database.File)), _audit);

        Assert.Equal(0, await afterRestart.AuditExpiriesAsync(Now.AddHours(3)));
        Assert.Single(_audit.Entries);
    }

    [Fact]
    public async Task A_revoked_decision_has_no_expiry_to_record()
    {
        Cache("d-a", Now.AddHours(1));
        _registry.Revoke("d-a");

        Assert.Equal(0, await new ExpiryAuditor(_registry, _store, _audit).AuditExpiriesAsync(Now.AddHours(2)));
    }
}

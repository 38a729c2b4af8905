using Frikommune.Edge.Decisions;
using Frikommune.Edge.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using static Frikommune.Edge.Tests.Decisions.DecisionTestKit;

namespace Frikommune.Edge.Tests.Decisions;

public sealed class DecisionImporterTests : IDisposable
{
    readonly DecisionTestKit _kit = new();
    readonly string _dir = Directory.CreateTempSubdirectory("decision-import-").FullName;
    readonly FakeTimeProvider _time = new(Now);
    readonly CollectingAuditTrail _audit = new();
    readonly DecisionStore _store;
    readonly DecisionRegistry _registry = new(new SettableClockTrust());
    readonly DecisionImporter _importer;

    public DecisionImporterTests()
    {
        var database = new Database(Path.Combine(_dir, "gateway.db"));
        database.Migrate([new DecisionSchema()]);
        _store = new DecisionStore(database);
        _importer = new DecisionImporter(_kit.Verifier(), _store, _registry, _audit, _time);
    }

    public void Dispose()
    {
        _kit.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    Task<ImportVerdict> Import(object claims, string source = "d.jwt") => _importer.ImportAsync(_kit.Sign(claims), source);

    [Fact]
    public async Task An_accepted_decision_is_stored_in_force_and_audited()
    {
        var verdict = await _importer.ImportAsync(_kit.Sign(Claims()) + "\n", "d.jwt");

        Assert.Equal(new ImportVerdict(ImportOutcome.Accepted, "d-2026-0042"), verdict);
        Assert.Single(_store.LoadAll());
        Assert.True(_registry.Check(Measures.SleepMonitoring, "room-12", "resident-7f3a", Now).InForce);
        var entry = Assert.Single(_audit.Entries);
        Assert.Equal(DecisionAuditKinds.Imported, entry.Kind);
        Assert.Equal(("d-2026-0042", "resident-7f3a"), (entry.Refs.Decision, entry.Refs.Resident));
        Assert.Equal("§14f", entry.Details!["basis"]);
        Assert.Equal("d.jwt", entry.Details["source"]);
    }

    [Fact]
    public async Task The_identical_token_again_is_accepted_unchanged_and_not_audited_again()
    {
        var token = _kit.Sign(Claims());
        await _importer.ImportAsync(token, "mqtt");

        var again = await _importer.ImportAsync(token, "mqtt");

        Assert.Equal(ImportOutcome.Unchanged, again.Outcome);
        Assert.True(again.IsAccepted);
        Assert.Single(_audit.Entries);
    }

    [Fact]
    public async Task A_different_token_with_the_same_id_is_rejected_as_duplicate()
    {
        await Import(Claims());

        var verdict = await Import(Claims(exp: Now.AddDays(90)));

        Assert.Equal((ImportOutcome.Rejected, "duplicate"), (verdict.Outcome, verdict.Reason));
        Assert.Equal(Now.AddDays(30), Assert.Single(_registry.All()).Decision.Expires);
        Assert.Equal(DecisionAuditKinds.Rejected, _audit.Entries[^1].Kind);
        Assert.Equal("duplicate", _audit.Entries[^1].Details!["reason"]);
    }

    [Fact]
    public async Task A_rejected_token_is_never_cached_and_is_audited_with_its_reason()
    {
        var verdict = await Import(new Dictionary<string, object?>(Claims()) { ["basis"] = "§14b" });

        Assert.Equal((ImportOutcome.Rejected, "basis-mismatch"), (verdict.Outcome, verdict.Reason));
        Assert.Empty(_store.LoadAll());
        Assert.Equal(0, _registry.Count);
        var entry = Assert.Single(_audit.Entries);
        Assert.Equal((DecisionAuditKinds.Rejected, "basis-mismatch"), (entry.Kind, entry.Details!["reason"]));
        Assert.Equal("d-2026-0042", entry.Refs.Decision);
    }

    [Fact]
    public async Task A_cpr_like_subject_never_reaches_the_audit_trail()
    {
        const string cpr = "010190-1234";

        var verdict = await Import(Claims(sub: cpr), source: $"/in/{cpr}.jwt");

        Assert.Equal("cpr-like-subject", verdict.Reason);
        var entry = Assert.Single(_audit.Entries);
        Assert.Null(entry.Refs.Resident);
        Assert.DoesNotContain(cpr, entry.ToString());
        Assert.All(entry.Details!.Values, v => Assert.DoesNotContain("0101901234", v!.Replace("-", "")));
        Assert.DoesNotContain(cpr, verdict.ToString());
    }

    [Fact]
    public async Task An_expired_decision_is_rejected_by_the_time_of_import()
    {
        var token = _kit.Sign(Claims(nbf: Now.AddDays(-1), exp: Now.AddHours(1)));
        _time.Advance(TimeSpan.FromHours(1));

        Assert.Equal("expired", (await _importer.ImportAsync(token, "late.jwt")).Reason);
    }

    [Fact]
    public async Task A_revocation_ends_the_decision_at_once_and_is_audited()
    {
        await Import(Claims());

        var verdict = await Import(RevocationClaims("d-2026-0042"));

        Assert.Equal(new ImportVerdict(ImportOutcome.Accepted, "r-2026-0001") { IsRevocation = true }, verdict);
        Assert.Equal(InForceReasons.Revoked, _registry.Check(Measures.SleepMonitoring, "room-12", null, Now).Reason);
        var entry = _audit.Entries[^1];
        Assert.Equal((DecisionAuditKinds.Revoked, "d-2026-0042", "resident-7f3a"), (entry.Kind, entry.Refs.Decision, entry.Refs.Resident));
        Assert.Equal(("r-2026-0001", "true"), (entry.Details!["revocation"], entry.Details["known"]));
    }

    [Fact]
    public async Task A_revocation_before_its_decision_still_wins()
    {
        await Import(RevocationClaims("d-2026-0042"));
        await Import(Claims());

        Assert.Equal(InForceReasons.Revoked, _registry.Check(Measures.SleepMonitoring, "room-12", null, Now).Reason);
        Assert.Equal("false", _audit.Entries[0].Details!["known"]);
    }

    [Fact]
    public async Task A_forged_token_is_audited_without_any_of_its_claims()
    {
        using var other = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);

        var verdict = await _importer.ImportAsync(TokenSigner.Sign(other, Kid, Claims()), "mqtt");

        Assert.Equal("bad-signature", verdict.Reason);
        Assert.Equal(AuditRefsNone, _audit.Entries[0].Refs);
    }

    static readonly Frikommune.Edge.Audit.AuditRefs AuditRefsNone = Frikommune.Edge.Audit.AuditRefs.None;
}

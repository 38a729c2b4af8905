using Frikommune.Edge.Decisions;
using Frikommune.Edge.Storage;
using Microsoft.Data.Sqlite;
using static Frikommune.Edge.Tests.Decisions.DecisionTestKit;
using Frikommune.Edge.Tests.Decisions;

namespace Frikommune.Edge.Tests.Storage;

public sealed class DecisionStoreTests : IDisposable
{
    readonly DecisionTestKit _kit = new();
    readonly string _dir = Directory.CreateTempSubdirectory("decision-store-").FullName;
    readonly Database _database;
    readonly DecisionStore _store;

    public DecisionStoreTests()
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

    VerifiedToken Verified(object claims, string kid = Kid) => _kit.Verifier().Verify(_kit.Sign(claims, kid), Now).Verified!;

    [Fact]
    public void An_added_token_is_read_back_raw()
    {
        var token = Verified(Claims());

        Assert.Equal(StoreOutcome.Added, _store.Add(token, Now, "file.jwt"));

        var cached = Assert.Single(_store.LoadAll());
        Assert.Equal(new CachedToken("d-2026-0042", token.Token, null), cached);
    }

    [Fact]
    public void The_parsed_columns_are_stored_for_reporting()
    {
        _store.Add(Verified(Claims()), Now, "file.jwt");

        using var connection = _database.Open();
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT sub, basis, measures, rooms, nbf, exp FROM decisions";
        using var row = select.ExecuteReader();
        Assert.True(row.Read());
        Assert.Equal(("resident-7f3a", "§14f", "sleep-monitoring,video-checkin", "room-12"),
            (row.GetString(0), row.GetString(1), row.GetString(2), row.GetString(3)));
        Assert.Equal(Now.AddDays(-1).ToUnixTimeSeconds(), row.GetInt64(4));
        Assert.Equal(Now.AddDays(30).ToUnixTimeSeconds(), row.GetInt64(5));
    }

    [Fact]
    public void The_identical_token_again_is_unchanged()
    {
        var token = Verified(Claims());
        _store.Add(token, Now, "a");

        Assert.Equal(StoreOutcome.Unchanged, _store.Add(token, Now.AddHours(1), "b"));
        Assert.Single(_store.LoadAll());
    }

    [Fact]
    public void A_different_token_with_a_cached_id_is_a_duplicate_and_the_first_stays()
    {
        var first = Verified(Claims());
        _store.Add(first, Now, "a");

        Assert.Equal(StoreOutcome.Duplicate, _store.Add(Verified(Claims(exp: Now.AddDays(60))), Now, "b"));
        Assert.Equal(first.Token, Assert.Single(_store.LoadAll()).Token);
    }

    [Fact]
    public void Decisions_and_revocations_share_one_id_space()
    {
        _store.Add(Verified(Claims(jti: "x-1")), Now, "a");

        Assert.Equal(StoreOutcome.Duplicate, _store.Add(Verified(RevocationClaims("d-9", jti: "x-1")), Now, "b"));
    }

    [Fact]
    public void A_revocation_is_read_back_with_what_it_revokes()
    {
        _store.Add(Verified(RevocationClaims("d-2026-0042")), Now, "topic");

        var cached = Assert.Single(_store.LoadAll());
        Assert.True(cached.IsRevocation);
        Assert.Equal("d-2026-0042", cached.Revokes);
    }

    [Fact]
    public void An_expiry_is_marked_only_once_and_survives_reopening()
    {
        _store.Add(Verified(Claims()), Now, "a");

        Assert.True(_store.MarkExpiryAudited("d-2026-0042", Now));
        Assert.False(_store.MarkExpiryAudited("d-2026-0042", Now));
        Assert.Equal(["d-2026-0042"], new DecisionStore(new Database(_database.File)).ExpiryAudited());
    }

    [Fact]
    public void Forgetting_a_key_drops_its_decisions_and_revocations_only()
    {
        _store.Add(Verified(Claims(jti: "d-real")), Now, "a");
        _store.Add(Verified(Claims(jti: "d-demo"), kid: "demo"), Now, "b");
        _store.Add(Verified(RevocationClaims("d-real", jti: "r-demo"), kid: "demo"), Now, "b");

        _store.ForgetSignedBy("demo");

        Assert.Equal(["d-real"], _store.LoadAll().Select(t => t.Id));
    }

    [Fact]
    public void A_source_that_looks_like_a_cpr_number_is_masked()
    {
        _store.Add(Verified(Claims()), Now, "/import/0101901234.jwt");

        using var connection = _database.Open();
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT source FROM decisions";
        Assert.Equal("/import/[cpr-like].jwt", select.ExecuteScalar());
    }
}

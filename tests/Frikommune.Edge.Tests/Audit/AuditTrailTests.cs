using Frikommune.Edge.Audit;
using Frikommune.Edge.Storage;
using Frikommune.Edge.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Frikommune.Edge.Tests.Audit;

public sealed class AuditTrailTests : IDisposable
{
    readonly TempDirectory _dir = new();
    readonly Database _database;
    readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

    public AuditTrailTests()
    {
        _database = new Database(_dir.File("gateway.db"));
        _database.Migrate([new AuditSchema()]);
    }

    async Task AppendAsync(int count)
    {
        await using var trail = new SqliteAuditTrail(_database, _time);
        for (var i = 0; i < count; i++)
        {
            await trail.AppendAsync(new AuditEntry("decision-imported")
            {
                Refs = new AuditRefs(Decision: $"d-{i}", Resident: "resident-7f3a", Room: "room-12"),
                Details = new Dictionary<string, string?> { ["n"] = i.ToString() },
            });
            _time.Advance(TimeSpan.FromSeconds(1));
        }
    }

    AuditVerification Verify() => new AuditVerifier(new AuditReader(_database)).Verify();

    void Sql(string sql)
    {
        using var connection = _database.Open();
        Database.Execute(connection, sql);
    }

    [Fact]
    public async Task Appended_records_form_an_intact_chain()
    {
        await AppendAsync(10);
        var result = Verify();
        Assert.True(result.Intact, result.Problem);
        Assert.Equal(10, result.Records);
    }

    [Fact]
    public void An_empty_trail_is_intact() => Assert.True(Verify().Intact);

    [Fact]
    public async Task Append_returns_increasing_sequence_numbers_in_call_order()
    {
        await using var trail = new SqliteAuditTrail(_database, _time);
        var seqs = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => trail.AppendAsync(new AuditEntry("x") { Details = new Dictionary<string, string?> { ["i"] = i.ToString() } })));
        Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), seqs.Order());
        Assert.Equal(200, Verify().Records);
    }

    [Fact]
    public async Task A_changed_detail_is_detected_and_named()
    {
        await AppendAsync(10);
        Sql("UPDATE audit SET details = '{\"n\":\"99\"}' WHERE seq = 4");
        var result = Verify();
        Assert.False(result.Intact);
        Assert.Equal(4, result.FirstBadSeq);
        Assert.Contains("changed", result.Problem);
    }

    [Fact]
    public async Task A_changed_reference_is_detected()
    {
        await AppendAsync(5);
        Sql("UPDATE audit SET resident = 'resident-0000' WHERE seq = 2");
        Assert.Equal(2, Verify().FirstBadSeq);
    }

    [Fact]
    public async Task A_removed_record_is_detected()
    {
        await AppendAsync(10);
        Sql("DELETE FROM audit WHERE seq = 6");
        var result = Verify();
        Assert.False(result.Intact);
        Assert.Equal(7, result.FirstBadSeq);
    }

    [Fact]
    public async Task Removed_records_at_the_end_are_detected()
    {
        await AppendAsync(10);
        Sql("DELETE FROM audit WHERE seq >= 9");
        var result = Verify();
        Assert.False(result.Intact);
        Assert.Equal(9, result.FirstBadSeq);
    }

    [Fact]
    public async Task Swapped_records_are_detected()
    {
        await AppendAsync(10);
        // Swap the contents of records 3 and 5, keeping their sequence numbers.
        Sql("""
            CREATE TEMP TABLE t AS SELECT * FROM audit WHERE seq IN (3, 5);
            UPDATE audit SET time = (SELECT time FROM t WHERE seq = 5), decision = (SELECT decision FROM t WHERE seq = 5),
                details = (SELECT details FROM t WHERE seq = 5), prev_hash = (SELECT prev_hash FROM t WHERE seq = 5), hash = (SELECT hash FROM t WHERE seq = 5) WHERE seq = 3;
            UPDATE audit SET time = (SELECT time FROM t WHERE seq = 3), decision = (SELECT decision FROM t WHERE seq = 3),
                details = (SELECT details FROM t WHERE seq = 3), prev_hash = (SELECT prev_hash FROM t WHERE seq = 3), hash = (SELECT hash FROM t WHERE seq = 3) WHERE seq = 5;
            """);
        var result = Verify();
        Assert.False(result.Intact);
        Assert.Equal(3, result.FirstBadSeq);
    }

    [Fact]
    public async Task Renumbered_records_are_detected()
    {
        await AppendAsync(5);
        Sql("UPDATE audit SET seq = 100 WHERE seq = 5");
        Assert.False(Verify().Intact);
    }

    [Fact]
    public async Task Two_writers_on_one_file_keep_one_chain()
    {
        await using var first = new SqliteAuditTrail(_database, _time);
        await using var second = new SqliteAuditTrail(new Database(_database.File), _time);
        await Task.WhenAll(Enumerable.Range(0, 300).Select(i => (i % 2 == 0 ? first : second).AppendAsync(new AuditEntry("x"))));
        var result = Verify();
        Assert.True(result.Intact, result.Problem);
        Assert.Equal(300, result.Records);
    }

    [Fact]
    public async Task An_append_is_on_disk_when_it_returns()
    {
        await using var trail = new SqliteAuditTrail(_database, _time);
        var seq = await trail.AppendAsync(new AuditEntry("door-released") { Refs = new AuditRefs(Door: "door-west") });
        using var connection = new SqliteConnection($"Data Source={_database.File};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT door FROM audit WHERE seq = {seq}";
        Assert.Equal("door-west", command.ExecuteScalar());
    }

    [Fact]
    public async Task Export_selects_the_period()
    {
        await AppendAsync(10); // 12:00:00 .. 12:00:09
        var start = new DateTimeOffset(2026, 11, 23, 12, 0, 3, TimeSpan.Zero);
        var records = new AuditReader(_database).Read(start, start.AddSeconds(4)).ToList();
        Assert.Equal([4L, 5, 6, 7], records.Select(r => r.Seq));
        Assert.Equal("d-3", records[0].Entry.Refs.Decision);
        Assert.Equal("3", records[0].Entry.Details!["n"]);
    }

    [Fact]
    public async Task Csv_export_quotes_fields_and_json_export_parses()
    {
        await using (var trail = new SqliteAuditTrail(_database, _time))
            await trail.AppendAsync(new AuditEntry("checkin-requested", "staff:anna") { Details = new Dictionary<string, string?> { ["reason"] = "sounds, \"help\"" } });
        var records = new AuditReader(_database).Read(DateTimeOffset.MinValue, DateTimeOffset.MaxValue).ToList();
        var csv = new StringWriter();
        AuditExport.WriteCsv(records, csv);
        var lines = csv.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("seq,time,kind", lines[0]);
        Assert.Contains("\"{\"\"reason\"\":", lines[1]);
        using var json = new MemoryStream();
        AuditExport.WriteJson(records, json);
        var parsed = System.Text.Json.JsonDocument.Parse(json.ToArray());
        Assert.Equal("staff:anna", parsed.RootElement[0].GetProperty("actor").GetString());
        Assert.Equal("sounds, \"help\"", parsed.RootElement[0].GetProperty("details").GetProperty("reason").GetString());
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }
}

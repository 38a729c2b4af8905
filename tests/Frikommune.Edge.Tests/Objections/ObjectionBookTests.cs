using Frikommune.Edge.Audit;
using Frikommune.Edge.Hosting;
using Frikommune.Edge.Objections;
using Frikommune.Edge.Storage;
using Frikommune.Edge.Tests.Support;

namespace Frikommune.Edge.Tests.Objections;

public sealed class ObjectionBookTests : IDisposable
{
    static readonly DateTimeOffset At = new(2026, 11, 23, 21, 0, 0, TimeSpan.Zero);
    readonly TempDirectory _dir = new();
    readonly Database _database;
    readonly SqliteAuditTrail _audit;

    public ObjectionBookTests()
    {
        _database = _dir.GatewayDatabase();
        _audit = new SqliteAuditTrail(_database, TimeProvider.System);
    }

    public void Dispose()
    {
        _audit.Dispose();
        _dir.Dispose();
    }

    ObjectionBook Load() => ObjectionBook.Load(new SqliteObjectionStore(_database, _audit));

    IEnumerable<AuditEntry> Entries() => new AuditReader(_database).ReadAfter(0, 100).Select(r => r.Entry);

    /// <summary>Every audit insert fails, as on a full disk; the whole transaction (statement included) rolls back.</summary>
    void AuditFails(bool fails) => Frikommune.Edge.Storage.Database.Execute(_database.Open(), fails
        ? "CREATE TRIGGER audit_fails BEFORE INSERT ON audit BEGIN SELECT RAISE(ABORT, 'disk full'); END"
        : "DROP TRIGGER audit_fails");

    [Fact]
    public async Task An_objection_holds_across_a_restart_until_withdrawn()
    {
        var book = Load();
        Assert.False(book.HasObjection("resident-7f3a"));
        Assert.Equal(ObjectionOutcome.Recorded, await book.RecordAsync("resident-7f3a", true, "anna", At));
        Assert.True(book.HasObjection("resident-7f3a"));
        Assert.False(book.HasObjection("resident-0000"));

        var restarted = Load();
        Assert.True(restarted.HasObjection("resident-7f3a"));
        Assert.Equal(ObjectionOutcome.Withdrawn, await restarted.RecordAsync("resident-7f3a", false, "bo", At.AddDays(1)));
        Assert.False(restarted.HasObjection("resident-7f3a"));
        Assert.False(Load().HasObjection("resident-7f3a"));
    }

    [Fact]
    public async Task Every_statement_is_audited_with_the_staff_member_and_the_resident_and_a_change_raises_Changed()
    {
        var book = Load();
        var changed = new Heard();
        using var subscription = book.Subscribe(changed);

        await book.RecordAsync("resident-7f3a", true, "anna", At);
        Assert.Equal(ObjectionOutcome.Unchanged, await book.RecordAsync("resident-7f3a", true, "anna", At));
        await book.RecordAsync("resident-7f3a", false, "bo", At);

        Assert.Equal(["resident-7f3a", "resident-7f3a"], changed);
        Assert.Equal(
            [("objection-recorded", "staff:anna", "resident-7f3a", "true"), ("objection-recorded", "staff:anna", "resident-7f3a", "false"),
             ("objection-withdrawn", "staff:bo", "resident-7f3a", "true")],
            Entries().Select(e => (e.Kind, e.Actor, e.Refs.Resident!, e.Details!["changed"])));
    }

    [Fact]
    public async Task An_objection_records_which_decisions_it_suspends_and_which_continue()
    {
        var book = ObjectionBook.Load(new SqliteObjectionStore(_database, _audit), r => new Dictionary<string, string?> { ["suspends"] = "d-1", ["continues"] = "d-2" });

        await book.RecordAsync("resident-7f3a", true, "anna", At);

        var first = Entries().First();
        Assert.Equal(("d-1", "d-2"), (first.Details!["suspends"], first.Details!["continues"]));
    }

    [Fact]
    public async Task An_objection_is_in_force_even_if_its_audit_record_fails_but_a_withdrawal_is_not()
    {
        var book = Load();
        AuditFails(true);
        await Assert.ThrowsAnyAsync<Exception>(() => book.RecordAsync("resident-7f3a", true, "anna", At));
        Assert.True(book.HasObjection("resident-7f3a"));
        await Assert.ThrowsAnyAsync<Exception>(() => book.RecordAsync("resident-7f3a", false, "anna", At));
        Assert.True(book.HasObjection("resident-7f3a"));
        AuditFails(false);
        Assert.Equal(ObjectionOutcome.Withdrawn, await book.RecordAsync("resident-7f3a", false, "anna", At));
        Assert.False(book.HasObjection("resident-7f3a"));
    }

    [Fact]
    public async Task The_statement_and_its_audit_record_are_one_transaction()
    {
        var book = Load();
        AuditFails(true);
        await Assert.ThrowsAnyAsync<Exception>(() => book.RecordAsync("resident-7f3a", true, "anna", At));
        Assert.False(Load().HasObjection("resident-7f3a")); // not stored without its record
        AuditFails(false);
        await Load().RecordAsync("resident-7f3a", true, "anna", At);
        Assert.True(Load().HasObjection("resident-7f3a"));
        Assert.Single(Entries());
    }

    [Theory]
    [InlineData("", "anna")]
    [InlineData("resident-7f3a", " ")]
    public Task A_statement_needs_a_resident_and_a_staff_member(string resident, string staff) =>
        Assert.ThrowsAsync<ArgumentException>(() => Load().RecordAsync(resident, true, staff, At));

    sealed class Heard : List<string>, IObjectionObserver
    {
        public void OnObjectionChanged(string resident) => Add(resident);
    }
}

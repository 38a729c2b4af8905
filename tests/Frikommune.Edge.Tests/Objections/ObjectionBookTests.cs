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
    readonly CollectingAudit _audit = new();

    public void Dispose() => _dir.Dispose();

    Database Database()
    {
        var database = new Database(_dir.File("gateway.db"));
        database.Migrate(GatewayStorage.Schemas);
        return database;
    }

    ObjectionBook Load() => ObjectionBook.Load(Database(), _audit);

    [Fact]
    public void An_objection_holds_across_a_restart_until_withdrawn()
    {
        var book = Load();
        Assert.False(book.HasObjection("resident-7f3a"));
        Assert.Equal(ObjectionOutcome.Recorded, book.Record("resident-7f3a", true, "anna", At));
        Assert.True(book.HasObjection("resident-7f3a"));
        Assert.False(book.HasObjection("resident-0000"));

        var restarted = Load();
        Assert.True(restarted.HasObjection("resident-7f3a"));
        Assert.Equal(ObjectionOutcome.Withdrawn, restarted.Record("resident-7f3a", false, "bo", At.AddDays(1)));
        Assert.False(restarted.HasObjection("resident-7f3a"));
        Assert.False(Load().HasObjection("resident-7f3a"));
    }

    [Fact]
    public void Every_statement_is_audited_with_the_staff_member_and_the_resident_and_a_change_raises_Changed()
    {
        var book = Load();
        var changed = new List<string>();
        book.Changed += changed.Add;

        book.Record("resident-7f3a", true, "anna", At);
        Assert.Equal(ObjectionOutcome.Unchanged, book.Record("resident-7f3a", true, "anna", At));
        book.Record("resident-7f3a", false, "bo", At);

        Assert.Equal(["resident-7f3a", "resident-7f3a"], changed);
        Assert.Equal(
            [("objection-recorded", "staff:anna", "resident-7f3a", "true"), ("objection-recorded", "staff:anna", "resident-7f3a", "false"),
             ("objection-withdrawn", "staff:bo", "resident-7f3a", "true")],
            _audit.Entries.Select(e => (e.Kind, e.Actor, e.Refs.Resident!, e.Details!["changed"])));
    }

    [Fact]
    public void An_objection_records_which_decisions_it_suspends_and_which_continue()
    {
        var book = ObjectionBook.Load(Database(), _audit, r => new Dictionary<string, string?> { ["suspends"] = "d-1", ["continues"] = "d-2" });

        book.Record("resident-7f3a", true, "anna", At);

        Assert.Equal(("d-1", "d-2"), (_audit.Entries[0].Details!["suspends"], _audit.Entries[0].Details!["continues"]));
    }

    [Fact]
    public void An_objection_is_in_force_even_if_its_audit_record_fails_but_a_withdrawal_is_not()
    {
        var book = Load();
        _audit.Fails = true;
        Assert.ThrowsAny<Exception>(() => book.Record("resident-7f3a", true, "anna", At));
        Assert.True(book.HasObjection("resident-7f3a"));
        Assert.ThrowsAny<Exception>(() => book.Record("resident-7f3a", false, "anna", At));
        Assert.True(book.HasObjection("resident-7f3a"));
    }

    [Theory]
    [InlineData("", "anna")]
    [InlineData("resident-7f3a", " ")]
    public void A_statement_needs_a_resident_and_a_staff_member(string resident, string staff) =>
        Assert.Throws<ArgumentException>(() => Load().Record(resident, true, staff, At));

    sealed class CollectingAudit : IAuditTrail
    {
        public List<AuditEntry> Entries { get; } = [];
        public bool Fails { get; set; }

        public Task<long> AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default)
        {
            if (Fails) return Task.FromException<long>(new IOException("disk full"));
            Entries.Add(entry);
            return Task.FromResult((long)Entries.Count);
        }
    }
}

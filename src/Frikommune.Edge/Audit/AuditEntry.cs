namespace Frikommune.Edge.Audit;

/// <summary>
/// One thing that happened, as the municipality will read it. Holds pseudonymous references only:
/// never a name, a CPR number, an image or sound.
/// </summary>
public sealed record AuditEntry(string Kind, string Actor = AuditEntry.Gateway)
{
    public const string Gateway = "gateway";

    public AuditRefs Refs { get; init; } = AuditRefs.None;
    public IReadOnlyDictionary<string, string?>? Details { get; init; }
}

/// <summary>What an entry is about: decision id, resident reference, door, room, alarm, check-in session.</summary>
public sealed record AuditRefs(
    string? Decision = null, string? Resident = null, string? Door = null,
    string? Room = null, string? Alarm = null, string? Session = null)
{
    public static readonly AuditRefs None = new();
}

/// <summary>A stored record: the entry, its place in the chain and its time.</summary>
public sealed record AuditRecord(long Seq, DateTimeOffset Time, AuditEntry Entry, byte[] PreviousHash, byte[] Hash);

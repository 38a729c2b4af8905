namespace Frikommune.Edge.Audit;

public sealed record AuditVerification(long Records, long? FirstBadSeq, string? Problem)
{
    public bool Intact => Problem is null;
}

/// <summary>Walks the whole chain and names the first record that does not fit.</summary>
public sealed class AuditVerifier(AuditReader reader)
{
    public AuditVerification Verify()
    {
        var hasher = new AuditHash.Hasher();
        var previous = AuditHash.Genesis;
        long expected = 1, count = 0;
        foreach (var row in reader.ReadAllRaw())
        {
            count++;
            if (row.Seq != expected)
                return Bad(count, row.Seq, $"record {row.Seq}: expected record {expected} here; records are missing or reordered");
            if (!row.PreviousHash.AsSpan().SequenceEqual(previous))
                return Bad(count, row.Seq, $"record {row.Seq}: does not follow record {expected - 1}; a record was removed, inserted or reordered");
            var hash = hasher.ComputeInto(previous, row.Seq, row.Time, row.Entry, row.Details);
            if (!hash.SequenceEqual(row.Hash))
                return Bad(count, row.Seq, $"record {row.Seq}: its content was changed (hash mismatch)");
            previous = row.Hash;
            expected++;
        }
        var head = reader.ReadHead();
        var last = expected - 1;
        if (head is null && last > 0) return Bad(count, last, "the chain's head is missing");
        if (head is { } h && (h.Seq != last || !h.Hash.AsSpan().SequenceEqual(previous)))
            return Bad(count, Math.Min(h.Seq, last + 1), $"record {last + 1}: the chain ends at {last} but its head says {h.Seq}; records at the end were removed");
        return new AuditVerification(count, null, null);
    }

    static AuditVerification Bad(long count, long seq, string problem) => new(count, seq, problem);
}

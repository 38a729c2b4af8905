using Frikommune.Edge.Audit;

namespace Frikommune.Edge.Storage;

public sealed record AuditVerification(long Records, long? FirstBadSeq, string? Problem)
{
    public bool Intact => Problem is null;
}

/// <summary>
/// Walks the whole chain and names the first record that does not fit. Each record's hash depends only on
/// its own fields and its stored previous hash, so hashing a batch runs beside reading the next one.
/// </summary>
public sealed class AuditVerifier(AuditReader reader)
{
    const int BatchSize = 8192;

    // The one wait here is on CPU work, not I/O: the previous batch is hashed on the other core while this thread
    // reads the next one; a CLI command with nothing else to do.
#pragma warning disable RS0030
    public AuditVerification Verify()
    {
        var previous = AuditHash.Genesis;
        long expected = 1, count = 0;
        var batch = new List<AuditReader.StoredRow>(BatchSize);
        Task<long?> hashing = Task.FromResult<long?>(null);
        foreach (var row in reader.ReadAllRaw())
        {
            count++;
            if (row.Seq != expected)
                return Bad(count, row.Seq, $"record {row.Seq}: expected record {expected} here; records are missing or reordered", hashing);
            if (!row.PreviousHash.AsSpan().SequenceEqual(previous))
                return Bad(count, row.Seq, $"record {row.Seq}: does not follow record {expected - 1}; a record was removed, inserted or reordered", hashing);
            previous = row.Hash;
            expected++;
            batch.Add(row);
            if (batch.Count < BatchSize) continue;
            if (hashing.Result is { } changed) return Changed(count, changed);
            var full = batch;
            hashing = Task.Run(() => FirstChanged(full));
            batch = new List<AuditReader.StoredRow>(BatchSize);
        }
        if ((hashing.Result ?? FirstChanged(batch)) is { } bad) return Changed(count, bad);
        var head = reader.ReadHead();
        var last = expected - 1;
        if (head is null && last > 0) return new(count, last, "the chain's head is missing");
        if (head is { } h && (h.Seq != last || !h.Hash.AsSpan().SequenceEqual(previous)))
            return new(count, Math.Min(h.Seq, last + 1), $"record {last + 1}: the chain ends at {last} but its head says {h.Seq}; records at the end were removed");
        return new AuditVerification(count, null, null);
    }

    static long? FirstChanged(List<AuditReader.StoredRow> rows)
    {
        var hasher = new AuditHash.Hasher();
        foreach (var row in rows)
            if (!hasher.ComputeInto(row.PreviousHash, row.Seq, row.Time, row.Entry, row.Details).SequenceEqual(row.Hash))
                return row.Seq;
        return null;
    }

    // A content change found in an earlier batch comes before a link problem found later.
    static AuditVerification Bad(long count, long seq, string problem, Task<long?> hashing) =>
        hashing.Result is { } changed ? Changed(count, changed) : new(count, seq, problem);

#pragma warning restore RS0030

    static AuditVerification Changed(long count, long seq) => new(count, seq, $"record {seq}: its content was changed (hash mismatch)");
}

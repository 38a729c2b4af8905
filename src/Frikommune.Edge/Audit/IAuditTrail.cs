namespace Frikommune.Edge.Audit;

/// <summary>The append-only, hash-chained record of everything the gateway does.</summary>
public interface IAuditTrail
{
    /// <summary>Appends an entry; completes only once the record is durable on disk.</summary>
    Task<long> AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default);
}

/// <summary>Hears that records up to a seq are durable, in order (the upstream shipper sends them on).</summary>
public interface IAuditAppendObserver
{
    void OnAppended(long seq);
}

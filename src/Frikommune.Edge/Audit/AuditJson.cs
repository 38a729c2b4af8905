using Frikommune.Edge.Wire;

namespace Frikommune.Edge.Audit;

/// <summary>One audit record as JSON, the same for <c>audit export --format json</c> and <c>P/audit</c>.</summary>
public static class AuditJson
{
    public static AuditRecordPayload Payload(AuditRecord record)
    {
        var e = record.Entry;
        var refs = new AuditRefsPayload(e.Refs.Decision, e.Refs.Resident, e.Refs.Door, e.Refs.Room, e.Refs.Alarm, e.Refs.Session);
        return new AuditRecordPayload(record.Seq, record.Time, e.Kind, refs, e.Actor,
            e.Details ?? new Dictionary<string, string?>(), Convert.ToHexStringLower(record.Hash));
    }
}

namespace Frikommune.Edge.Objections;

/// <summary>The audit record kinds of a resident's objection (modsætter sig), as staff record it.</summary>
public static class ObjectionAuditKinds
{
    public const string Recorded = "objection-recorded";
    public const string Withdrawn = "objection-withdrawn";
}

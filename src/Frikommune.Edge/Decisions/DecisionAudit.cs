namespace Frikommune.Edge.Decisions;

/// <summary>The audit record kinds this capability writes (LEGAL.md rule 6).</summary>
public static class DecisionAuditKinds
{
    public const string Imported = "decision-imported";
    public const string Rejected = "decision-rejected";
    public const string Revoked = "decision-revoked";
    public const string Expired = "decision-expired";
}

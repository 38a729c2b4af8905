namespace Frikommune.Edge.Decisions;

/// <summary>Why a measure is not in force. Callers map these to their own refusal codes.</summary>
public static class InForceReasons
{
    public const string ClockUntrusted = "clock-untrusted";
    public const string NoDecision = "no-decision";
    public const string NotYetValid = "not-yet-valid";
    public const string Expired = "expired";
    public const string Revoked = "revoked";
    /// <summary>Valid decisions, all suspended by the resident's objection (<see cref="MeasureAuthority"/>).</summary>
    public const string Objection = "objection";
}

/// <summary>
/// The answer to "is this measure in force here, now?": the decisions behind a yes, or the reason for a no (and,
/// for a no by objection, the valid decisions it suspends).
/// </summary>
public readonly record struct MeasureAnswer(bool InForce, string? Reason, IReadOnlyList<Decision> Decisions)
{
    public static MeasureAnswer No(string reason) => new(false, reason, []);

    public static MeasureAnswer Yes(IReadOnlyList<Decision> decisions) => new(true, null, decisions);

    public static MeasureAnswer Suspended(IReadOnlyList<Decision> decisions) => new(false, InForceReasons.Objection, decisions);

    public IEnumerable<string> DecisionIds => Decisions.Select(d => d.Id);
}

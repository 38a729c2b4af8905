namespace Frikommune.Edge.Decisions;

/// <summary>The states a cached decision is listed in (CONTRACT § 1, <c>decisions list</c>).</summary>
public static class DecisionStates
{
    public const string Valid = "valid";
    public const string NotYetValid = "not-yet-valid";
    public const string Expired = "expired";
    public const string Revoked = "revoked";
}

/// <summary>One row of <c>decisions list</c>; serialised camelCase as <c>decisions list --json</c> and <c>GET /api/decisions</c>.</summary>
public sealed record DecisionView(
    string Id, string Basis, IReadOnlyList<string> Measures, IReadOnlyList<string> Rooms, IReadOnlyList<string> Doors,
    string Resident,
    DateTimeOffset Nbf,
    DateTimeOffset Exp,
    string State,
    string Issuer = "",
    string Objection = ObjectionEffects.Suspends)
{
    public static DecisionView Of(Decision d, bool revoked, DateTimeOffset at) => new(
        d.Id, d.Basis, d.Measures, d.Rooms, d.Doors, d.Subject, d.NotBefore, d.Expires,
        revoked ? DecisionStates.Revoked
        : at < d.NotBefore ? DecisionStates.NotYetValid
        : at >= d.Expires ? DecisionStates.Expired
        : DecisionStates.Valid,
        d.Issuer, d.Objection);
}

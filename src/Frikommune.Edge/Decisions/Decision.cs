using Frikommune.Edge.Configuration;

namespace Frikommune.Edge.Decisions;

/// <summary>
/// A municipality's signed decision (afgørelse) to use measures for one resident in a limited period
/// <c>[NotBefore, Expires)</c>. Only <see cref="TokenVerifier"/> makes these, so every instance has passed § 3.
/// </summary>
public sealed record Decision(
    string Id, string Issuer, string Subject, string Site, string KeyId,
    DateTimeOffset IssuedAt, DateTimeOffset NotBefore, DateTimeOffset Expires,
    string Basis, IReadOnlyList<string> Measures, IReadOnlyList<string> Rooms, IReadOnlyList<string> Doors,
    Consent? Consent, CheckInTerms? CheckIn, string Objection = ObjectionEffects.Suspends)
{
    /// <summary>Whether a recorded objection from the resident suspends this decision's measures (LEGAL.md).</summary>
    public bool SuspendedByObjection => Bases.ObjectionSuspends(this);

    public bool IsValidAt(DateTimeOffset at) => NotBefore <= at && at < Expires;
}

/// <summary>Who consented on the resident's behalf, and when; optional under the serviceloven bases.</summary>
public sealed record Consent(string By, DateOnly Date);

/// <summary>The bounds the decision puts on situational check-ins.</summary>
public sealed record CheckInTerms(int MaxSeconds, int MinGapSeconds, int MaxPer24h, IReadOnlyList<string> Triggers)
{
    /// <summary>The stricter of the decision and the site's caps applies (CONTRACT § 3).</summary>
    public CheckInTerms BoundedBy(CheckInsOptions site) => this with
    {
        MaxSeconds = Math.Min(MaxSeconds, site.MaxSecondsCap),
        MinGapSeconds = Math.Max(MinGapSeconds, site.MinGapSecondsFloor),
    };

    public bool Allows(string trigger) => Triggers.Contains(trigger, StringComparer.Ordinal);
}

/// <summary>A signed withdrawal of a decision; it takes effect the moment it is imported.</summary>
public sealed record Revocation(string Id, string Issuer, string Site, string KeyId, DateTimeOffset IssuedAt, string Revokes);

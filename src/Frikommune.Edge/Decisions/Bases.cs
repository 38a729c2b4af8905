namespace Frikommune.Edge.Decisions;

/// <summary>The paragraphs of lov om frikommunenetværk a decision rests on, and what each allows.</summary>
public static class Bases
{
    public const string Section14 = "§14";   // adults in a care home
    public const string Section14b = "§14b"; // special door opener on an outer door
    public const string Section14c = "§14c"; // children and young people
    public const string Section14e = "§14e"; // adults living at home
    public const string Section14f = "§14f"; // sleep monitoring in a care home

    public static readonly IReadOnlyList<string> All = [Section14, Section14b, Section14c, Section14e, Section14f];

    static readonly string[] CheckInsAndMotion = [Measures.VideoCheckIn, Measures.AudioCheckIn, Measures.MotionMonitoring];
    static readonly string[] AdultConsent = [ConsentKinds.NextOfKin, ConsentKinds.Guardian];

    static readonly Dictionary<string, string[]> MeasuresByBasis = new(StringComparer.Ordinal)
    {
        [Section14] = CheckInsAndMotion,
        [Section14b] = [Measures.DoorOpener],
        [Section14c] = CheckInsAndMotion,
        [Section14e] = CheckInsAndMotion,
        [Section14f] = [Measures.SleepMonitoring, Measures.VideoCheckIn],
    };

    // § 14c: only the holder of parental authority can consent for a child.
    static readonly Dictionary<string, string[]> ConsentByBasis = new(StringComparer.Ordinal)
    {
        [Section14] = AdultConsent,
        [Section14b] = AdultConsent,
        [Section14c] = [ConsentKinds.ParentalAuthority],
        [Section14e] = AdultConsent,
        [Section14f] = AdultConsent,
    };

    public static bool IsKnown(string basis) => MeasuresByBasis.ContainsKey(basis);

    public static IReadOnlyList<string> MeasuresAllowedBy(string basis) =>
        MeasuresByBasis.TryGetValue(basis, out var m) ? m : [];

    public static IReadOnlyList<string> ConsentAllowedBy(string basis) =>
        ConsentByBasis.TryGetValue(basis, out var c) ? c : [];

    public static bool Allows(string basis, string measure) => MeasuresAllowedBy(basis).Contains(measure, StringComparer.Ordinal);

    public static bool AcceptsConsentBy(string basis, string consentBy) => ConsentAllowedBy(basis).Contains(consentBy, StringComparer.Ordinal);
}

/// <summary>Who may consent (samtykke) on the resident's behalf.</summary>
public static class ConsentKinds
{
    public const string NextOfKin = "next-of-kin";                 // nærmeste pårørende
    public const string Guardian = "guardian";                     // værge, værgemålslovens § 5
    public const string ParentalAuthority = "parental-authority";  // forældremyndighedsindehaver

    public static readonly IReadOnlyList<string> All = [NextOfKin, Guardian, ParentalAuthority];

    public static bool IsKnown(string kind) => All.Contains(kind, StringComparer.Ordinal);
}

namespace Frikommune.Edge.Decisions;

/// <summary>
/// What one legal basis allows. Every rule the gateway enforces per basis is a column here and nowhere else
/// (LEGAL.md, "Which basis allows which measure" and "Since 2025").
/// </summary>
/// <param name="ConsentRequired">§§ 14–14f make consent a condition; under serviceloven it is recorded if given.</param>
/// <param name="ObjectionMayContinue">Whether the signed decision may say a measure continues despite an objection.</param>
/// <param name="DoorKinds">The kinds of door a <c>door-opener</c> under this basis may sit on.</param>
/// <param name="NeedsIndicator">§ 128 b stk. 3: a check-in needs a working camera indicator in the room.</param>
/// <param name="OnlyNamedSigner">Only a key whose <c>kid.json</c> names this basis may sign it (Det Socialfaglige Nævn).</param>
public sealed record BasisRule(
    string Code, IReadOnlyList<string> Measures, IReadOnlyList<string> Consent, bool ConsentRequired,
    bool ObjectionMayContinue, IReadOnlyList<string> DoorKinds, bool NeedsIndicator, bool OnlyNamedSigner);

/// <summary>The paragraphs a decision rests on: lov om frikommunenetværk §§ 14–14f and serviceloven §§ 125, 128 b.</summary>
public static class Bases
{
    public const string Section14 = "§14";   // adults in a care home
    public const string Section14b = "§14b"; // special door opener on an outer door
    public const string Section14c = "§14c"; // children and young people
    public const string Section14e = "§14e"; // adults living at home
    public const string Section14f = "§14f"; // sleep monitoring in a care home
    public const string Sel125 = "SEL§125";       // særlige døråbnere, serviceloven § 125
    public const string Sel128b1 = "SEL§128b-1";  // situationsbestemt kamerakig, decided by Det Socialfaglige Nævn
    public const string Sel128b2 = "SEL§128b-2";  // other welfare technology (sleep, motion sensors)

    static readonly string[] CheckInsAndMotion = [Measures.VideoCheckIn, Measures.AudioCheckIn, Measures.MotionMonitoring];
    static readonly string[] AdultConsent = [ConsentKinds.NextOfKin, ConsentKinds.Guardian];
    static readonly string[] NoDoors = [];

    /// <summary>The table. § 14c: only the holder of parental authority can consent for a child.</summary>
    public static readonly IReadOnlyList<BasisRule> Table =
    [
        new(Section14, CheckInsAndMotion, AdultConsent, true, false, NoDoors, false, false),
        new(Section14b, [Measures.DoorOpener], AdultConsent, true, false, [DoorKinds.UnitDoor], false, false),
        new(Section14c, CheckInsAndMotion, [ConsentKinds.ParentalAuthority], true, false, NoDoors, false, false),
        new(Section14e, CheckInsAndMotion, AdultConsent, true, false, NoDoors, false, false),
        new(Section14f, [Measures.SleepMonitoring, Measures.VideoCheckIn], AdultConsent, true, false, NoDoors, false, false),
        new(Sel125, [Measures.DoorOpener], ConsentKinds.All, false, true, DoorKinds.All, false, false),
        new(Sel128b1, [Measures.VideoCheckIn], ConsentKinds.All, false, true, NoDoors, true, true),
        new(Sel128b2, [Measures.MotionMonitoring, Measures.SleepMonitoring], ConsentKinds.All, false, true, NoDoors, false, false),
    ];

    static readonly Dictionary<string, BasisRule> ByCode = Table.ToDictionary(r => r.Code, StringComparer.Ordinal);

    public static readonly IReadOnlyList<string> All = Table.Select(r => r.Code).ToArray();

    public static BasisRule? Rule(string basis) => ByCode.GetValueOrDefault(basis);

    public static bool IsKnown(string basis) => ByCode.ContainsKey(basis);

    public static IReadOnlyList<string> MeasuresAllowedBy(string basis) => Rule(basis)?.Measures ?? [];

    public static IReadOnlyList<string> ConsentAllowedBy(string basis) => Rule(basis)?.Consent ?? [];

    public static bool Allows(string basis, string measure) => MeasuresAllowedBy(basis).Contains(measure, StringComparer.Ordinal);

    public static bool AcceptsConsentBy(string basis, string consentBy) => ConsentAllowedBy(basis).Contains(consentBy, StringComparer.Ordinal);

    public static bool RequiresConsent(string basis) => Rule(basis)?.ConsentRequired ?? true;

    public static bool AllowsDoorKind(string basis, string doorKind) => Rule(basis)?.DoorKinds.Contains(doorKind, StringComparer.Ordinal) == true;

    public static bool NeedsIndicator(string basis) => Rule(basis)?.NeedsIndicator == true;

    /// <summary>A key without a <c>kid.json</c> may sign these: every basis but those only a named signer may sign.</summary>
    public static IReadOnlyList<string> SignableByDefault { get; } = Table.Where(r => !r.OnlyNamedSigner).Select(r => r.Code).ToArray();

    /// <summary>
    /// Whether a recorded objection suspends a decision's measures. Under §§ 14–14f it always does (the law's condition);
    /// under serviceloven unless the decision itself says the measure continues.
    /// </summary>
    public static bool ObjectionSuspends(Decision decision) =>
        !(Rule(decision.Basis)?.ObjectionMayContinue == true && decision.Objection == ObjectionEffects.Continues);
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

/// <summary>The <c>objection</c> claim: what a recorded objection does to the decision's measures.</summary>
public static class ObjectionEffects
{
    public const string Suspends = "suspends";
    public const string Continues = "continues";

    public static bool IsKnown(string value) => value is Suspends or Continues;
}

/// <summary>The kinds of door <c>Doors:N:Kind</c> names (CONTRACT § 2; serviceloven § 125 stk. 1 nr. 1–3).</summary>
public static class DoorKinds
{
    public const string UnitDoor = "unit-door";   // bounds one unit: § 14b, § 125 nr. 2
    public const string OuterDoor = "outer-door"; // the service's own outer door: § 125 nr. 1
    public const string Gate = "gate";            // out of the outdoor area: § 125 nr. 3

    public static readonly IReadOnlyList<string> All = [UnitDoor, OuterDoor, Gate];

    public static bool IsKnown(string kind) => All.Contains(kind, StringComparer.Ordinal);
}

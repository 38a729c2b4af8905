using Frikommune.Edge.Sensors;

namespace Frikommune.Edge.Decisions;

/// <summary>
/// The one place that answers "is this measure in force for this resident here now" (LEGAL.md rule 1): a valid
/// decision (the registry, which also knows the clock's trust) and no objection recorded for that resident that
/// suspends it. The sensors ask it through <see cref="IMeasureGate"/>, the check-in gate and the doors directly;
/// nobody acts on a resident from the registry's raw answer. Under §§ 14–14f an objection always suspends; under serviceloven unless the decision says the
/// measure continues (<see cref="Decision.SuspendedByObjection"/>).
/// </summary>
public sealed class MeasureAuthority(DecisionRegistry registry, TimeProvider time, Func<string, bool>? hasObjection = null) : IMeasureGate
{
    public const string ObjectionReason = InForceReasons.Objection;

    /// <summary>Measures an objection can suspend (modsætter sig): everything but the door opener, which serves a whole unit.</summary>
    public static bool SuspendedByObjection(string measure) => measure != Measures.DoorOpener;

    public MeasureAnswer Check(string measure, string resident, string place) =>
        AfterObjection(registry.Check(measure, place, resident, time.GetUtcNow()), measure, hasObjection?.Invoke(resident) == true);

    public bool InForce(string measure, string resident, string room) => Check(measure, resident, room).InForce;

    /// <summary>A measure that serves a whole place rather than one resident (the door opener: § 14b, a unit's outer door).</summary>
    public MeasureAnswer Check(string measure, string place) => registry.Check(measure, place, null, time.GetUtcNow());

    /// <summary>
    /// What an objection leaves of an answer: only the decisions that continue despite it. Used by every reader of
    /// the registry that acts on a resident, so the rule lives here once.
    /// </summary>
    public static MeasureAnswer AfterObjection(MeasureAnswer answer, string measure, bool objects)
    {
        if (!objects || !answer.InForce || !SuspendedByObjection(measure)) return answer;
        var continuing = answer.Decisions.Where(d => !d.SuspendedByObjection).ToArray();
        return continuing.Length > 0 ? MeasureAnswer.Yes(continuing) : MeasureAnswer.Suspended(answer.Decisions);
    }
}

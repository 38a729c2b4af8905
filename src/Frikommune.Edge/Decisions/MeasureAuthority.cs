using Frikommune.Edge.Sensors;

namespace Frikommune.Edge.Decisions;

/// <summary>
/// The one place that says whether a measure may be used on a resident right now (LEGAL.md rule 1): a valid
/// decision (the registry, which also knows the clock's trust) and no objection recorded for that resident.
/// </summary>
public sealed class MeasureAuthority(DecisionRegistry registry, TimeProvider time, Func<string, bool>? hasObjection = null) : IMeasureGate
{
    /// <summary>Measures an objection suspends (modsætter sig): everything but the door opener.</summary>
    public static bool SuspendedByObjection(string measure) => measure != Measures.DoorOpener;

    public MeasureAnswer Check(string measure, string resident, string place)
    {
        if (SuspendedByObjection(measure) && hasObjection?.Invoke(resident) == true) return MeasureAnswer.No("objection");
        return registry.Check(measure, place, resident, time.GetUtcNow());
    }

    public bool InForce(string measure, string resident, string room) => Check(measure, resident, room).InForce;
}

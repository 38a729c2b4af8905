using Frikommune.Edge.Sensors;

namespace Frikommune.Edge.Decisions;

/// <summary>
/// What the sensors ask before anything about a resident is kept: is the measure in force for this resident in
/// this room now? Answered by <c>Decisions.MeasureAuthority</c>, the one place that decides it (LEGAL.md rule 1).
/// </summary>
public interface IMeasureGate
{
    bool InForce(string measure, string resident, string room);
}

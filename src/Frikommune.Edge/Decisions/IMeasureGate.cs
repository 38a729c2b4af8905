using Frikommune.Edge.Sensors;

namespace Frikommune.Edge.Decisions;

/// <summary>
/// The one place that says whether a measure is in force for a resident in a room right now
/// (LEGAL.md rule 1: valid, trusted, unrevoked decision; no objection; trusted clock).
/// </summary>
public interface IMeasureGate
{
    bool InForce(string measure, string resident, string room);
}

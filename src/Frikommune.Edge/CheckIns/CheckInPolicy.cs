using Frikommune.Edge.Decisions;
namespace Frikommune.Edge.CheckIns;

/// <summary>
/// The <c>checkin</c> block of one decision that is in force for <c>video-checkin</c> for a room's resident
/// right now. Built by whoever holds the decisions; the gate never sees a token.
/// </summary>
public sealed record CheckInPolicy(
    string DecisionId, int MaxSeconds, int MinGapSeconds, int MaxPer24h, IReadOnlySet<string> Triggers, bool NeedsIndicator = false)
{
    /// <summary>§ 128 b stk. 3: under this decision a look-in needs a camera indicator the gateway can drive.</summary>
    public bool UsableWith(bool indicatorWorks) => IsUsable && (!NeedsIndicator || indicatorWorks);

    /// <summary>A policy that cannot be honoured (no time, no quota, no known trigger) authorises nothing.</summary>
    public bool IsUsable =>
        MaxSeconds > 0 && MinGapSeconds >= 0 && MaxPer24h > 0 && Triggers.Any(CheckInTriggers.All.Contains);

    public bool Allows(string trigger) => CheckInTriggers.All.Contains(trigger) && Triggers.Contains(trigger);
}

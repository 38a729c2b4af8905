using Frikommune.Edge.CheckIns;

namespace Frikommune.Edge.Tests.CheckIns;

/// <summary>One thing that happens in a simulated care home, as the property test generates them.</summary>
abstract record SimOp;

sealed record AskOp(int Room, CheckInOrigin Origin) : SimOp;
sealed record RaiseAlarmOp(int Room, string Kind) : SimOp;
sealed record ResolveAlarmsOp(int Room) : SimOp;
/// <summary>A new decision arrives for the room's resident.</summary>
sealed record AddDecisionOp(int Room, int MaxSeconds, int MinGapSeconds, int MaxPer24h, int TriggerMask) : SimOp;
/// <summary>A decision is revoked or expires (the same to the gate: it leaves the facts).</summary>
sealed record RemoveDecisionOp(int Room, int Index) : SimOp;
sealed record ObjectionOp(int Room, bool Objects) : SimOp;
sealed record ClockTrustOp(bool Trusted) : SimOp;
/// <summary>The wall clock is stepped (NTP, an operator) while monotonic time runs on.</summary>
sealed record StepClockOp(int Seconds) : SimOp;
sealed record AdvanceOp(int Seconds) : SimOp;
/// <summary>A restart: graceful (the gateway ends its sessions) or a crash (it does not).</summary>
sealed record RestartOp(bool Graceful) : SimOp;
sealed record ViewerClosesOp(int Room, int ViewedSeconds) : SimOp;
sealed record ReviewOp : SimOp;

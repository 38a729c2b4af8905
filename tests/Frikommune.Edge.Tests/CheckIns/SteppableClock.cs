namespace Frikommune.Edge.Tests.CheckIns;

/// <summary>
/// A clock whose wall time can be stepped either way while monotonic time only moves forward, as on a device
/// whose NTP client steps the clock. FakeTimeProvider cannot go back, and steps its timestamp with its wall time.
/// </summary>
sealed class SteppableClock(DateTimeOffset start) : TimeProvider
{
    long _realTicks;
    TimeSpan _offset;

    /// <summary>Break the clock on purpose: the "monotonic" timestamp follows the wall clock's steps.</summary>
    public bool MonotonicFollowsWall { get; init; }

    public DateTimeOffset Real => start + TimeSpan.FromTicks(_realTicks);
    public TimeSpan Offset => _offset;

    public override DateTimeOffset GetUtcNow() => Real + _offset;
    public override long GetTimestamp() => MonotonicFollowsWall ? GetUtcNow().UtcTicks : _realTicks;
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public void Advance(TimeSpan by) => _realTicks += by.Ticks;
    public void Step(TimeSpan by) => _offset += by;
}

using Microsoft.Extensions.Time.Testing;

namespace Frikommune.Edge.Tests.Doors;

internal static class FakeTimeSteps
{
    /// <summary>
    /// FakeTimeProvider.Advance fires every due timer with the clock already at the end of the jump, so a timer
    /// started from another timer's callback would start late. Stepping keeps each expiry on its own instant,
    /// exact as long as durations are whole multiples of <paramref name="step"/>.
    /// </summary>
    public static void AdvanceInSteps(this FakeTimeProvider time, TimeSpan total, TimeSpan? step = null)
    {
        var s = step ?? TimeSpan.FromMilliseconds(1);
        for (var left = total; left > TimeSpan.Zero; left -= s)
            time.Advance(left < s ? left : s);
    }
}

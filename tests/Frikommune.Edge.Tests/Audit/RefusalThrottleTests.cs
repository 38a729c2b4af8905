using Frikommune.Edge.StaffCommands;
using Frikommune.Edge.Audit;
using Frikommune.Edge.Tests.StaffCommands;

namespace Frikommune.Edge.Tests.Audit;

public sealed class RefusalThrottleTests
{
    static readonly DateTimeOffset Now = new(2026, 11, 30, 21, 0, 0, TimeSpan.Zero);

    [Fact]
    public void One_record_per_kind_and_source_per_minute_and_the_next_says_how_many_were_not_recorded()
    {
        var throttle = new RefusalThrottle();
        Assert.True(throttle.ShouldRecord("unsigned", "unknown", Now, out var before));
        Assert.Equal(0, before);
        for (var i = 1; i <= 500; i++) Assert.False(throttle.ShouldRecord("unsigned", "unknown", Now.AddMilliseconds(i * 100), out _));
        Assert.True(throttle.ShouldRecord("stale", "unknown", Now, out _));
        Assert.True(throttle.ShouldRecord("unsigned", "tablet-1", Now, out _));
        Assert.True(throttle.ShouldRecord("unsigned", "unknown", Now.AddMinutes(1), out before));
        Assert.Equal(500, before);
    }
}

using Frikommune.Edge.Web.Page;
using Microsoft.Extensions.Time.Testing;

namespace Frikommune.Edge.Tests.Page;

public sealed class LoginThrottleTests
{
    readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-11-23T21:00:00Z"));

    [Fact]
    public void The_fifth_wrong_password_locks_the_name_for_five_minutes()
    {
        var throttle = new LoginThrottle(_time);
        for (var i = 0; i < 4; i++) Assert.False(throttle.Failed("anna"));
        Assert.False(throttle.IsLocked("anna"));
        Assert.True(throttle.Failed("anna"));
        Assert.True(throttle.IsLocked("anna"));
        Assert.False(throttle.IsLocked("tom"));
        _time.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        Assert.True(throttle.IsLocked("anna"));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(throttle.IsLocked("anna"));
        Assert.False(throttle.Failed("anna")); // counting starts over after the lock
    }

    [Fact]
    public void A_successful_login_clears_the_count()
    {
        var throttle = new LoginThrottle(_time);
        for (var i = 0; i < 4; i++) throttle.Failed("anna");
        throttle.Succeeded("anna");
        for (var i = 0; i < 4; i++) Assert.False(throttle.Failed("anna"));
    }
}

using System.Net;
using Frikommune.Edge.Web.Page;
using Microsoft.Extensions.Time.Testing;

namespace Frikommune.Edge.Tests.Page;

public sealed class LoginThrottleAddressTests
{
    readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-11-23T21:00:00Z"));
    static readonly IPAddress Mallory = IPAddress.Parse("192.0.2.66"), Tablet = IPAddress.Parse("192.0.2.10");

    [Fact]
    public void Spraying_many_names_from_one_address_locks_the_address_not_the_other_clients()
    {
        var throttle = new LoginThrottle(_time);
        for (var i = 1; i < LoginThrottle.MaxAddressFailures; i++) Assert.False(throttle.Failed($"name-{i}", Mallory));
        Assert.True(throttle.Failed("name-last", Mallory));
        Assert.True(throttle.IsLocked("anna", Mallory));
        Assert.False(throttle.IsLocked("anna", Tablet));
        _time.Advance(LoginThrottle.LockFor);
        Assert.False(throttle.IsLocked("anna", Mallory));
    }

    [Fact]
    public void A_locked_name_is_locked_from_every_address_and_a_good_login_does_not_clear_the_address()
    {
        var throttle = new LoginThrottle(_time);
        for (var i = 0; i < LoginThrottle.MaxFailures; i++) throttle.Failed("anna", Mallory);
        Assert.True(throttle.IsLocked("anna", Tablet));
        for (var i = 0; i < LoginThrottle.MaxAddressFailures - LoginThrottle.MaxFailures - 1; i++) throttle.Failed("x" + i, Mallory);
        throttle.Succeeded("tom", Mallory);
        Assert.True(throttle.Failed("y", Mallory));
    }

    [Fact]
    public void Failures_older_than_the_lock_period_are_forgotten()
    {
        var throttle = new LoginThrottle(_time);
        for (var i = 0; i < LoginThrottle.MaxFailures - 1; i++) throttle.Failed("anna", Mallory);
        _time.Advance(LoginThrottle.LockFor);
        Assert.False(throttle.Failed("anna", Mallory));
        Assert.False(throttle.IsLocked("anna"));
    }
}

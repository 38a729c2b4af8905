using Frikommune.Edge.Hosting;
using Microsoft.Extensions.Time.Testing;
using Frikommune.Edge.Health;
using Frikommune.Edge.Tests.Install;

namespace Frikommune.Edge.Tests.Health;

public class LoopHealthTests
{
    readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void An_empty_registry_is_healthy()
    {
        Assert.True(new LoopHealth(_time).IsHealthy(out var problem));
        Assert.Null(problem);
    }

    [Fact]
    public void A_loop_that_beats_within_its_silence_stays_healthy()
    {
        var health = new LoopHealth(_time);
        health.Register("mqtt", TimeSpan.FromSeconds(30));
        for (var i = 0; i < 10; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(25));
            health.Beat("mqtt");
            Assert.True(health.IsHealthy(out _));
        }
    }

    [Fact]
    public void A_silent_loop_is_named_once_its_silence_exceeds_the_limit()
    {
        var health = new LoopHealth(_time);
        health.Register("doors", TimeSpan.FromSeconds(10));
        health.Register("mqtt", TimeSpan.FromSeconds(30));
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.True(health.IsHealthy(out _)); // exactly the limit is still allowed
        _time.Advance(TimeSpan.FromSeconds(1));
        health.Beat("mqtt");
        Assert.False(health.IsHealthy(out var problem));
        Assert.Contains("'doors'", problem);
        Assert.Contains("11 s", problem);
    }

    [Fact]
    public void A_beat_after_silence_makes_the_loop_healthy_again()
    {
        var health = new LoopHealth(_time);
        health.Register("alarms", TimeSpan.FromSeconds(5));
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.False(health.IsHealthy(out _));
        health.Beat("alarms");
        Assert.True(health.IsHealthy(out _));
    }

    [Fact]
    public void An_unregistered_loop_no_longer_counts()
    {
        var health = new LoopHealth(_time);
        health.Register("mqtt", TimeSpan.FromSeconds(5));
        _time.Advance(TimeSpan.FromSeconds(6));
        health.Unregister("mqtt");
        Assert.True(health.IsHealthy(out _));
        Assert.Empty(health.Names);
    }

    [Fact]
    public void Beating_an_unknown_loop_throws_instead_of_being_ignored()
    {
        var health = new LoopHealth(_time);
        Assert.Throws<KeyNotFoundException>(() => health.Beat("mqt"));
    }

    [Fact]
    public void Registering_needs_a_name_and_a_positive_silence()
    {
        var health = new LoopHealth(_time);
        Assert.ThrowsAny<ArgumentException>(() => health.Register(" ", TimeSpan.FromSeconds(1)));
        Assert.ThrowsAny<ArgumentException>(() => health.Register("x", TimeSpan.Zero));
    }
}

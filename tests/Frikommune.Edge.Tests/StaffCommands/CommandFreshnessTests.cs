using Frikommune.Edge.StaffCommands;

namespace Frikommune.Edge.Tests.StaffCommands;

public sealed class CommandFreshnessTests
{
    static readonly DateTimeOffset Now = new(2026, 11, 30, 21, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_same_jti_from_two_devices_is_two_commands()
    {
        var freshness = new CommandFreshness();
        Assert.Null(freshness.Admit("tablet-1", "j", Now, Now));
        Assert.Null(freshness.Admit("tablet-2", "j", Now, Now));
        Assert.Equal(CommandRefusals.Replayed, freshness.Admit("tablet-1", "j", Now, Now));
    }

    [Fact]
    public void A_command_issued_before_the_gateway_started_is_refused_because_its_jti_may_be_forgotten()
    {
        var started = Now.AddMilliseconds(700);
        var freshness = new CommandFreshness(since: started);
        Assert.Null(freshness.Admit("tablet-1", "t1-0041", Now, started)); // iat is whole seconds: signed in the start's own second
        // Carried out seconds before a restart, captured on the broker and sent again just after it.
        Assert.Equal(CommandRefusals.Stale, freshness.Admit("tablet-1", "t1-0042", started.AddSeconds(-5), started.AddSeconds(3)));
        Assert.Null(freshness.Admit("tablet-1", "t1-0043", started.AddSeconds(2), started.AddSeconds(3)));
    }

    [Fact]
    public void A_full_memory_refuses_rather_than_forgets_a_command_that_could_still_be_replayed()
    {
        var freshness = new CommandFreshness(capacity: 3);
        for (var i = 0; i < 3; i++) Assert.Null(freshness.Admit("t", $"j{i}", Now, Now));
        Assert.Equal(CommandRefusals.TooMany, freshness.Admit("t", "j3", Now, Now.AddSeconds(100)));
        Assert.Equal(CommandRefusals.Replayed, freshness.Admit("t", "j0", Now.AddSeconds(100), Now.AddSeconds(100)));
        // Past twice the skew none of them can pass the iat rule again, so they make room.
        var later = Now.AddSeconds(241);
        Assert.Null(freshness.Admit("t", "j3", later, later));
        Assert.Equal(1, freshness.Count);
    }

    [Fact]
    public void Memory_stays_bounded_under_a_long_stream_of_commands()
    {
        var freshness = new CommandFreshness(capacity: 100);
        for (var i = 0; i < 10_000; i++)
        {
            var at = Now.AddSeconds(i * 3);
            Assert.Null(freshness.Admit("t", $"j{i}", at, at));
            Assert.True(freshness.Count <= 100);
        }
    }
}

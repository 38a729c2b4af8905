using Frikommune.Edge.Doors;

namespace Frikommune.Edge.Tests.Doors;

public class StaffReleaseTests
{
    [Fact]
    public void Staff_release_holds_the_door_for_the_seconds_asked_and_names_the_staff()
    {
        using var h = DoorHarness.Special();
        Assert.True(h.Door.StaffRelease("staff-42", 10));

        var release = Assert.Single(h.Of<DoorReleased>());
        Assert.Equal(("staff:staff-42", TimeSpan.FromSeconds(10)), (release.Cause, release.Duration));
        h.Seconds(9.9);
        Assert.False(h.Locked);
        h.Seconds(0.1);
        Assert.True(h.Locked);
    }

    [Fact]
    public void Staff_release_defaults_to_ReleaseSeconds()
    {
        using var h = DoorHarness.Special(o => o.ReleaseSeconds = 7);
        h.Door.StaffRelease("staff-42");

        Assert.Equal(TimeSpan.FromSeconds(7), h.Of<DoorReleased>().Single().Duration);
    }

    [Theory]
    [InlineData("staff-1", 0)]
    [InlineData("staff-1", 301)]
    [InlineData("", 10)]
    public void Staff_release_out_of_bounds_is_refused_and_changes_nothing(string staff, int seconds)
    {
        using var h = DoorHarness.Special();
        Assert.False(h.Door.StaffRelease(staff, seconds));

        Assert.True(h.Locked);
        Assert.Empty(h.Of<DoorReleased>());
    }

    [Fact]
    public void A_shorter_release_never_cuts_a_longer_one_short()
    {
        using var h = DoorHarness.Special();
        h.Door.StaffRelease("staff-1", 60);
        h.Seconds(1);
        h.Door.StaffRelease("staff-2", 1);
        h.Seconds(30);

        Assert.False(h.Locked);
    }

    [Fact]
    public void Staff_release_before_start_is_refused()
    {
        using var h = new DoorHarness();
        Assert.False(h.Door.StaffRelease("staff-1", 10));
    }
}

using Frikommune.Edge.Gpio;
using Frikommune.Edge.Tests.Doors;
using Microsoft.Extensions.Time.Testing;

namespace Frikommune.Edge.Tests.Gpio;

public class DebouncerTests
{
    readonly FakeTimeProvider _time = new();
    readonly List<bool> _reported = [];

    Debouncer Make(bool initial = true, int windowMs = 20) =>
        new(initial, TimeSpan.FromMilliseconds(windowMs), _time, _reported.Add);

    void Ms(int ms) => _time.AdvanceInSteps(TimeSpan.FromMilliseconds(ms));

    [Fact]
    public void The_first_edge_is_reported_at_once()
    {
        using var d = Make();
        d.Input(false);

        Assert.Equal([false], _reported);
        Assert.False(d.Level);
    }

    [Fact]
    public void Bounces_inside_the_window_are_ignored()
    {
        using var d = Make();
        d.Input(false);
        d.Input(true);
        d.Input(false);
        Ms(20);

        Assert.Equal([false], _reported);
    }

    [Fact]
    public void A_level_that_settles_differently_inside_the_window_is_reported_when_it_ends()
    {
        using var d = Make();
        d.Input(false);
        Ms(5);
        d.Input(true);
        d.Input(false);
        d.Input(true);
        Ms(14);
        Assert.Equal([false], _reported);

        Ms(1);

        Assert.Equal([false, true], _reported);
        Assert.True(d.Level);
    }

    [Fact]
    public void A_settled_level_opens_a_new_window_of_its_own()
    {
        using var d = Make();
        d.Input(false);
        Ms(5);
        d.Input(true);
        Ms(15);
        d.Input(false);
        Ms(19);
        Assert.Equal([false, true], _reported);

        Ms(1);

        Assert.Equal([false, true, false], _reported);
    }

    [Fact]
    public void After_the_window_the_next_edge_is_reported_at_once()
    {
        using var d = Make();
        d.Input(false);
        Ms(20);
        d.Input(true);

        Assert.Equal([false, true], _reported);
    }

    [Fact]
    public void The_same_level_again_reports_nothing()
    {
        using var d = Make(initial: true);
        d.Input(true);
        Ms(100);

        Assert.Empty(_reported);
    }

    [Fact]
    public void A_zero_window_reports_every_change()
    {
        using var d = Make(windowMs: 0);
        d.Input(false);
        d.Input(true);
        d.Input(false);

        Assert.Equal([false, true, false], _reported);
    }
}

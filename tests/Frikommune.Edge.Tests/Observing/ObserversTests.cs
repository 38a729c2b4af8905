using Frikommune.Edge.Observing;

namespace Frikommune.Edge.Tests.Observing;

public sealed class ObserversTests
{
    sealed class Listener(List<string> heard, string name)
    {
        public void Hear() => heard.Add(name);
    }

    [Fact]
    public void Every_listener_is_told_in_the_order_it_came_and_one_that_leaves_is_not_told_again()
    {
        var heard = new List<string>();
        var observers = new Observers<Listener>();
        var first = observers.Add(new Listener(heard, "first"));
        using var second = observers.Add(new Listener(heard, "second"));
        foreach (var o in observers.Now) o.Hear();
        first.Dispose();
        first.Dispose(); // a second dispose changes nothing
        foreach (var o in observers.Now) o.Hear();
        Assert.Equal(["first", "second", "second"], heard);
    }

    [Fact]
    public void A_listener_may_leave_while_the_others_are_being_told()
    {
        var heard = new List<string>();
        var observers = new Observers<Listener>();
        var leaving = observers.Add(new Listener(heard, "leaving"));
        observers.Add(new Listener(heard, "staying"));
        foreach (var o in observers.Now)
        {
            o.Hear();
            leaving.Dispose();
        }
        Assert.Equal(["leaving", "staying"], heard);
        Assert.Single(observers.Now);
    }
}

using Frikommune.Edge.CheckIns;

namespace Frikommune.Edge.Tests.CheckIns;

public class CheckInConcurrencyTests
{
    [Fact]
    public async Task Fifty_concurrent_requests_for_one_room_yield_exactly_one_grant()
    {
        var f = new GateFixture();
        using var start = new ManualResetEventSlim();
        var requests = Enumerable.Range(0, 50).Select(i => Task.Run(() =>
        {
            start.Wait();
            return f.Gate.Request(new CheckInRequest(GateFixture.RoomId, $"staff-{i}", "kald"));
        })).ToList();

        start.Set();
        var outcomes = await Task.WhenAll(requests);

        Assert.Single(outcomes, o => o.Granted);
        Assert.All(outcomes.OfType<CheckInRefusal>(), r => Assert.Equal(CheckInRefusals.Busy, r.Code));
        Assert.Single(f.Store.Rows);
    }
}

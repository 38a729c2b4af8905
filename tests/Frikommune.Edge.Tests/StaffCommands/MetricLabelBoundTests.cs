using System.Net.Http.Headers;
using Frikommune.Edge.Metrics;
using Frikommune.Edge.Mqtt;
using Frikommune.Edge.Tests.Support;

namespace Frikommune.Edge.Tests.StaffCommands;

public sealed class MetricLabelBoundTests
{
    [Fact]
    public async Task Label_sets_chosen_from_outside_are_bounded_and_the_rest_added_up_in_one_overflow_series()
    {
        const string Token = "scraper-token-0123456789abcdefghijklmnop";
        using var site = new TestSite();
        site.Json["Http"]!["MetricsToken"] = Token;
        site.Write();
        await using var gateway = await InProcessGateway.StartAsync(site, simulate: true);
        var dropped = gateway.Service<GatewayMetrics>().Counter(InboundDispatcher.DroppedMetric, "dropped");
        for (var i = 0; i < 10_000; i++)
            dropped.Add(1, GatewayMetrics.Tag("topic", $"p/decisions/garbage-{i}"), GatewayMetrics.Tag("reason", "test"));
        dropped.Add(1, GatewayMetrics.Tag("topic", "p/decisions/garbage-1"), GatewayMetrics.Tag("reason", "test"));

        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        var text = await (await gateway.Client().SendAsync(request)).Content.ReadAsStringAsync();
        var lines = text.Split('\n').Where(l => l.StartsWith(InboundDispatcher.DroppedMetric + "{")).ToList();
        Assert.Equal(GatewayMetrics.MaxSeriesPerCounter + 1, lines.Count);
        Assert.Contains($"{InboundDispatcher.DroppedMetric}{{{GatewayMetrics.OverflowLabel}=\"true\"}} {10_000 - GatewayMetrics.MaxSeriesPerCounter}", lines);
        Assert.Contains($"{InboundDispatcher.DroppedMetric}{{reason=\"test\",topic=\"p/decisions/garbage-1\"}} 2", lines);
    }
}

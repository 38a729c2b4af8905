using Frikommune.Edge.Metrics;

namespace Frikommune.Edge.Tests.StaffCommands;

public sealed class MetricLabelBoundTests
{
    [Fact]
    public void Label_sets_chosen_from_outside_are_bounded_and_the_rest_added_up_in_one_overflow_series()
    {
        var metrics = new GatewayMetrics();
        for (var i = 0; i < 10_000; i++)
            metrics.Increment("frikommune_mqtt_dropped_total", GatewayMetrics.Label("topic", $"p/decisions/garbage-{i}"));
        metrics.Increment("frikommune_mqtt_dropped_total", GatewayMetrics.Label("topic", "p/decisions/garbage-1"));
        var lines = metrics.Render().Split('\n').Where(l => l.StartsWith("frikommune_mqtt_dropped_total")).ToList();
        Assert.Equal(GatewayMetrics.MaxSeriesPerCounter + 1, lines.Count);
        Assert.Equal(10_000 - GatewayMetrics.MaxSeriesPerCounter, metrics.Read("frikommune_mqtt_dropped_total", GatewayMetrics.Overflow));
        Assert.Equal(2, metrics.Read("frikommune_mqtt_dropped_total", GatewayMetrics.Label("topic", "p/decisions/garbage-1")));
    }
}

using Frikommune.Edge.Metrics;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace Frikommune.Edge.Tests.Support;

/// <summary>Reads the gateway's counters from its meter, as the exporter does, from the moment the collector is made.</summary>
public static class Counted
{
    public static MetricCollector<long> Collect(this GatewayMetrics metrics, string name) => new(metrics.Meter, name);

    /// <summary>The sum of the measurements whose labels include all of <paramref name="labels"/>.</summary>
    public static long Sum(this MetricCollector<long> counter, params (string Name, string Value)[] labels) =>
        counter.GetMeasurementSnapshot().Where(m => labels.All(l => m.Tags.TryGetValue(l.Name, out var v) && Equals(v, l.Value))).Sum(m => m.Value);
}

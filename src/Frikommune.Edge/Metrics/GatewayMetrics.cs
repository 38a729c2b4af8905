using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Frikommune.Edge.Metrics;

/// <summary>
/// The gateway's one <see cref="System.Diagnostics.Metrics.Meter"/>, <c>Frikommune.Edge</c>. Its instruments are served
/// at <c>/metrics</c> in the Prometheus text format by OpenTelemetry's exporter (<c>Web/MetricsEndpoint.cs</c>); every
/// name is listed in the README. One instrument per name, whoever asks for it first.
/// </summary>
public sealed class GatewayMetrics
{
    public const string MeterName = "Frikommune.Edge";

    /// <summary>
    /// Label sets per counter beyond which new ones are added up in one overflow series (<c>otel_metric_overflow="true"</c>):
    /// labels such as a topic come from outside, and a stranger inventing topics must not grow <c>/metrics</c> (or
    /// memory) without end. Enforced by the exporter's view (<c>CardinalityLimit</c>).
    /// </summary>
    public const int MaxSeriesPerCounter = 200;
    public const string OverflowLabel = "otel_metric_overflow";

    readonly ConcurrentDictionary<string, Counter<long>> _counters = new();

    /// <summary>From the host's <see cref="IMeterFactory"/>, so that only this host's exporter sees it.</summary>
    public GatewayMetrics(IMeterFactory? factory = null) => Meter = factory?.Create(MeterName) ?? new Meter(MeterName);

    public Meter Meter { get; }

    public Counter<long> Counter(string name, string description) =>
        _counters.GetOrAdd(name, static (n, arg) => arg.Meter.CreateCounter<long>(n, description: arg.description), (Meter, description));

    /// <summary>A gauge read at each scrape: <paramref name="observe"/> yields one measurement per label set in one pass.</summary>
    public void Gauge(string name, string description, Func<IEnumerable<Measurement<long>>> observe) =>
        Meter.CreateObservableGauge(name, observe, description: description);

    public static KeyValuePair<string, object?> Tag(string name, string value) => new(name, value);
}

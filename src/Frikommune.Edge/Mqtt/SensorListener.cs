using System.Buffers;
using System.Diagnostics.Metrics;
using Frikommune.Edge.Audit;
using Frikommune.Edge.Metrics;
using Microsoft.Extensions.Hosting;
using Frikommune.Edge.Sensors;

namespace Frikommune.Edge.Mqtt;

/// <summary>
/// Each configured sensor's topic into the intake (decode, gate, alarm rules). Readings whose measure is not in
/// force are dropped on arrival and only counted; the counts go to <c>/metrics</c> and, hourly, to the audit trail.
/// </summary>
public sealed class SensorListener(MqttConnection mqtt, SensorIntake intake, IAuditTrail audit, GatewayMetrics metrics, TimeProvider time)
    : IHostedService, IDisposable
{
    public const string EventsMetric = "frikommune_sensor_events";
    static readonly TimeSpan AuditEvery = TimeSpan.FromHours(1);
    readonly List<IDisposable> _subscriptions = [];
    readonly Dictionary<string, long> _auditedDropped = [];
    ITimer? _auditTimer;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        metrics.Gauge(EventsMetric, "Sensor messages by sensor and outcome (dropped = measure not in force, not stored)", ObserveCounts);
        foreach (var sensor in intake.Sensors)
            _subscriptions.Add(mqtt.Subscribe(sensor.Topic, PayloadKind.Bytes, Receive, InboundLanes.Sensors));
        _auditTimer = time.CreateTimer(_ => _ = AuditDroppedAsync(), null, AuditEvery, AuditEvery);
        return Task.CompletedTask;
    }

    /// <summary>One pass over the sensors per scrape, three series each.</summary>
    IEnumerable<Measurement<long>> ObserveCounts()
    {
        foreach (var c in intake.Counts())
        {
            var sensor = GatewayMetrics.Tag("sensor", c.SensorId);
            yield return new(c.Accepted, sensor, GatewayMetrics.Tag("outcome", "accepted"));
            yield return new(c.Dropped, sensor, GatewayMetrics.Tag("outcome", "dropped"));
            yield return new(c.Rejected.Values.Sum(), sensor, GatewayMetrics.Tag("outcome", "rejected"));
        }
    }

    Task Receive(InboundMessage message)
    {
        var outcome = intake.ReceiveOnTopic(message.Topic, new ReadOnlySequence<byte>(message.Payload));
        if (outcome.Status == IntakeStatus.Rejected) throw new InboundRejectedException(outcome.Rejection.Code());
        return Task.CompletedTask;
    }

    /// <summary>Records how many readings were dropped since the last record, per sensor (LEGAL.md rules 2 and 6).</summary>
    public async Task AuditDroppedAsync()
    {
        foreach (var counts in intake.Counts())
        {
            var before = _auditedDropped.GetValueOrDefault(counts.SensorId);
            if (counts.Dropped == before) continue;
            _auditedDropped[counts.SensorId] = counts.Dropped;
            var sensor = intake.Sensors.First(s => s.Id == counts.SensorId);
            await audit.AppendAsync(new AuditEntry("sensor-events-dropped")
            {
                Refs = new AuditRefs(Room: sensor.Room),
                Details = new Dictionary<string, string?> { ["sensor"] = sensor.Id, ["measure"] = sensor.Measure, ["count"] = (counts.Dropped - before).ToString() },
            });
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        await AuditDroppedAsync();
    }

    public void Dispose()
    {
        _auditTimer?.Dispose();
        foreach (var s in _subscriptions) s.Dispose();
        _subscriptions.Clear();
    }
}

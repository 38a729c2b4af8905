using Microsoft.Extensions.Hosting;
using Frikommune.Edge.Alarms;

namespace Frikommune.Edge.Mqtt;

/// <summary>Staff acknowledge and resolve over <c>P/alarms/&lt;id&gt;/ack|resolve</c> with <c>{"staff":"…"}</c>, signed (CONTRACT § 4).</summary>
public sealed class AlarmTopics(MqttConnection mqtt, AlarmDesk desk, StaffCommandVerifier commands) : IHostedService
{
    readonly List<IDisposable> _subscriptions = [];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscriptions.Add(mqtt.Subscribe(mqtt.Endpoint.Topic("alarms/+/ack"), PayloadKind.Bytes, commands.Verified("alarm-ack", m => Act(m, ack: true)), InboundLanes.Staff));
        _subscriptions.Add(mqtt.Subscribe(mqtt.Endpoint.Topic("alarms/+/resolve"), PayloadKind.Bytes, commands.Verified("alarm-resolve", m => Act(m, ack: false)), InboundLanes.Staff));
        return Task.CompletedTask;
    }

    Task Act(InboundMessage message, bool ack)
    {
        if (!AlarmJson.TryReadStaff(message.Payload.Span, out var staff)) throw new InboundRejectedException("wrong-type");
        var id = message.Topic.Split('/')[^2];
        var outcome = ack ? desk.Acknowledge(id, staff) : desk.Resolve(id, staff);
        if (outcome.Result == AlarmActionResult.NotFound) throw new InboundRejectedException("unknown-alarm");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var s in _subscriptions) s.Dispose();
        return Task.CompletedTask;
    }
}

using System.Text.Json;
using Frikommune.Edge.Objections;
using Microsoft.Extensions.Hosting;
using Frikommune.Edge.CheckIns;

namespace Frikommune.Edge.Mqtt;

/// <summary>
/// <c>P/checkins/request</c> (reply on the MQTT 5 response topic with its correlation data, else on
/// <c>P/checkins/response/&lt;requestId&gt;</c>) and <c>P/residents/&lt;ref&gt;/objection</c>.
/// </summary>
public sealed class CheckInTopics(MqttConnection mqtt, CheckInService checkIns, ObjectionBook objections, TimeProvider time,
    StaffCommandVerifier commands) : IHostedService
{
    readonly List<IDisposable> _subscriptions = [];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscriptions.Add(mqtt.Subscribe(mqtt.Endpoint.Topic("checkins/request"), PayloadKind.Bytes, commands.Verified("checkin-request", RequestAsync)));
        _subscriptions.Add(mqtt.Subscribe(mqtt.Endpoint.Topic("residents/+/objection"), PayloadKind.Bytes, commands.Verified("objection", Objection)));
        return Task.CompletedTask;
    }

    async Task RequestAsync(InboundMessage message)
    {
        using var doc = JsonDocument.Parse(message.Payload);
        var root = doc.RootElement;
        var requestId = Text(root, "requestId");
        var room = Text(root, "room");
        var staff = Text(root, "staff");
        if (requestId is null || room is null || staff is null || !Decisions.References.IsSafe(requestId)
            || !Decisions.References.IsSafe(staff))
            throw new InboundRejectedException("wrong-type");
        var answer = await checkIns.RequestAsync(room, staff, Text(root, "reason") ?? "", "mqtt", new CheckIns.StreamHolder.Device(message.Device!));
        var reply = answer.Grant is { } g
            ? new Wire.CheckInReply(requestId, true, g.SessionId, g.Room, g.ExpiresAt, answer.StreamPath)
            : new Wire.CheckInReply(requestId, false, Reason: answer.Refusal);
        var topic = ReplyTopic(message.ResponseTopic) ?? mqtt.Endpoint.Topic($"checkins/response/{requestId}");
        await mqtt.PublishAsync(new OutboundMessage(topic, JsonSerializer.SerializeToUtf8Bytes(reply, Wire.WireJson.Compact.CheckInReply)) { CorrelationData = message.CorrelationData });
    }

    async Task Objection(InboundMessage message)
    {
        var resident = message.Topic.Split('/')[^2];
        using var doc = JsonDocument.Parse(message.Payload);
        var root = doc.RootElement;
        var staff = Text(root, "staff");
        if (!root.TryGetProperty("objects", out var o) || o.ValueKind is not (JsonValueKind.True or JsonValueKind.False) || staff is null)
            throw new InboundRejectedException("wrong-type");
        try { await objections.RecordAsync(resident, o.GetBoolean(), staff, time.GetUtcNow()); }
        catch (ArgumentException) { throw new InboundRejectedException("wrong-type"); }
    }

    /// <summary>The MQTT 5 response topic, only when it lies under <c>P/checkins/response/</c> (CONTRACT § 4): a grant is never published elsewhere.</summary>
    string? ReplyTopic(string? asked)
    {
        var under = mqtt.Endpoint.Topic("checkins/response/");
        return asked is not null && asked.Length > under.Length && asked.Length <= 256 && asked.StartsWith(under, StringComparison.Ordinal)
            && asked.IndexOfAny(['+', '#', '\0']) < 0 ? asked : null;
    }

    static string? Text(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var s in _subscriptions) s.Dispose();
        return Task.CompletedTask;
    }
}

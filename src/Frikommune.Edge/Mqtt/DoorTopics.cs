using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Frikommune.Edge.Doors;
using Frikommune.Edge.Gpio;

namespace Frikommune.Edge.Mqtt;

/// <summary>Staff release over <c>P/doors/&lt;id&gt;/command</c>: <c>{"command":"release","staff":"…","seconds":10}</c>, signed (CONTRACT § 4).</summary>
public sealed class DoorTopics(MqttConnection mqtt, DoorFleet doors, StaffCommandVerifier commands) : IHostedService
{
    IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = mqtt.Subscribe(mqtt.Endpoint.Topic("doors/+/command"), PayloadKind.Bytes, commands.Verified("door-command", Command), InboundLanes.Staff);
        return Task.CompletedTask;
    }

    Task Command(InboundMessage message)
    {
        var door = doors.Find(message.Topic.Split('/')[^2]) ?? throw new InboundRejectedException("unknown-door");
        var command = StaffCommand.Parse(message.Payload.Span) ?? throw new InboundRejectedException("wrong-type");
        if (command.Command != "release" || !door.StaffRelease(command.Staff, command.Seconds))
            throw new InboundRejectedException("refused");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>A staff command to a door; also the body of <c>POST /api/doors/{id}/release</c> (without command and staff).</summary>
public sealed record StaffCommand(string Command, string Staff, int? Seconds)
{
    public static StaffCommand? Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json.ToArray());
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return null;
            var command = root.TryGetProperty("command", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString()! : null;
            var staff = root.TryGetProperty("staff", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString()! : null;
            int? seconds = root.TryGetProperty("seconds", out var n) && n.TryGetInt32(out var v) ? v : null;
            return command is null || staff is null || !Decisions.References.IsSafe(staff) ? null : new(command, staff, seconds);
        }
        catch (JsonException) { return null; }
    }
}

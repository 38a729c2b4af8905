using Frikommune.Edge.Audit;
using Frikommune.Edge.Metrics;
using Frikommune.Edge.StaffCommands;

namespace Frikommune.Edge.Mqtt;

/// <summary>
/// The one gate in front of every staff command topic (CONTRACT § 4): <see cref="Verified"/> wraps a route's handler
/// so it sees only commands whose signature, time and <c>jti</c> held, with the payload replaced by the verified
/// claims and <see cref="InboundMessage.Device"/> set. Anything else is dropped here — counted by reason, and
/// audited as <c>command-refused</c> at most once per reason and source per minute. Refusals do not reach the
/// dispatcher's per-topic drop count: a stranger choosing topics must not choose metric series or log lines.
/// </summary>
public sealed class StaffCommandVerifier
{
    public const string RefusedMetric = "frikommune_staff_commands_refused_total";
    public const string AcceptedMetric = "frikommune_staff_commands_accepted_total";
    public const string AuditKind = "command-refused";
    readonly StaffCommandCheck _check;
    readonly RefusalThrottle _throttle = new();
    readonly GatewayMetrics _metrics;
    readonly IAuditTrail _audit;
    readonly TimeProvider _time;
    readonly ILogger<StaffCommandVerifier> _log;

    public StaffCommandVerifier(DeviceKeys keys, GatewayMetrics metrics, IAuditTrail audit, TimeProvider time, ILogger<StaffCommandVerifier> log)
    {
        _check = new StaffCommandCheck(keys.Find, new CommandFreshness(since: time.GetUtcNow()));
        (_metrics, _audit, _time, _log) = (metrics, audit, time, log);
    }

    /// <param name="command">What the topic does (<c>alarm-ack</c>, <c>door-command</c>, …): named in the audit record.</param>
    public Func<InboundMessage, Task> Verified(string command, Func<InboundMessage, Task> handler) => async message =>
    {
        var verdict = _check.Check(message.Payload.Span, _time.GetUtcNow());
        if (verdict.Command is { } verified)
        {
            _metrics.Counter(AcceptedMetric, "Staff commands over MQTT whose signature, time and jti held").Add(1);
            await handler(message with { Payload = verified.Claims, Device = verified.Device }).ConfigureAwait(false);
            return;
        }
        await RefusedAsync(command, verdict.Refusal!, verdict.Source).ConfigureAwait(false);
    };

    async Task RefusedAsync(string command, string reason, string source)
    {
        _metrics.Counter(RefusedMetric, "Staff commands over MQTT not carried out, by reason (unsigned, bad-signature, stale, replayed, …)")
            .Add(1, GatewayMetrics.Tag("reason", reason));
        if (!_throttle.ShouldRecord(reason, source, _time.GetUtcNow(), out var unrecorded)) return;
        _log.LogWarning("Staff command refused: {Reason} from {Source} ({Command}); {Unrecorded} more since the last record",
            reason, source, command, unrecorded);
        try
        {
            await _audit.AppendAsync(new AuditEntry(AuditKind, source == CommandRefusals.UnknownSource ? "mqtt:unknown" : $"device:{source}")
            {
                Details = new Dictionary<string, string?>
                {
                    ["reason"] = reason, ["command"] = command, ["unrecordedBefore"] = unrecorded.ToString(),
                },
            }).ConfigureAwait(false);
        }
        catch (Exception e) { _log.LogError(e, "A refused staff command could not be audited"); }
    }
}

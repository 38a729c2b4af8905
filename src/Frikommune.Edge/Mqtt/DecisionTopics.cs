using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Frikommune.Edge.Decisions;

namespace Frikommune.Edge.Mqtt;

/// <summary>
/// <c>P/decisions/+</c> and <c>P/revocations/+</c> (retained) go through the same importer as
/// <c>decisions import</c>. An empty retained message deletes nothing: only a signed revocation revokes.
/// </summary>
public sealed class DecisionTopics(MqttConnection mqtt, DecisionImporter importer, ILogger<DecisionTopics> log, TimeProvider time,
    Metrics.GatewayMetrics metrics) : IHostedService
{
    public const string RejectedAgainMetric = "frikommune_decision_tokens_rejected_again_total";
    /// <summary>A topic is free text chosen by whoever published: it goes to the audit trail shortened.</summary>
    const int MaxSourceTopic = 160;
    readonly List<IDisposable> _subscriptions = [];
    readonly RejectedTokens _rejected = new();

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscriptions.Add(mqtt.Subscribe(mqtt.Endpoint.Topic("decisions/+"), PayloadKind.Text, ImportAsync));
        _subscriptions.Add(mqtt.Subscribe(mqtt.Endpoint.Topic("revocations/+"), PayloadKind.Text, ImportAsync));
        return Task.CompletedTask;
    }

    async Task ImportAsync(InboundMessage message)
    {
        if (message.IsEmpty)
        {
            log.LogInformation("Empty message on {Topic} ignored: only a signed revocation revokes a decision", message.Topic);
            return;
        }
        var fingerprint = RejectedTokens.Fingerprint(message.Text);
        // Checked again (a trust key may have been added since), but a retained rejection arriving again after a reconnect is not recorded again.
        var again = _rejected.WasRejected(fingerprint);
        var topic = message.Topic.Length <= MaxSourceTopic ? message.Topic : message.Topic[..MaxSourceTopic] + "…";
        var verdict = await importer.ImportAsync(message.Text, $"mqtt:{topic}",
            auditRejection: r => !again && _rejected.ShouldAudit(r, time.GetUtcNow()));
        if (again && !verdict.IsAccepted)
            metrics.Counter(RejectedAgainMetric, "Retained decision tokens rejected before and seen again (after a reconnect), not audited again").Add(1);
        if (verdict.IsAccepted || again) return;
        _rejected.Remember(fingerprint);
        throw new InboundRejectedException($"decision-{verdict.Reason}");
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var s in _subscriptions) s.Dispose();
        return Task.CompletedTask;
    }
}

using Frikommune.Edge.Mqtt;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Frikommune.Edge.Decisions;

/// <summary>
/// <c>P/decisions/+</c> and <c>P/revocations/+</c> (retained) go through the same importer as
/// <c>decisions import</c>. An empty retained message deletes nothing: only a signed revocation revokes.
/// </summary>
public sealed class DecisionTopics(MqttConnection mqtt, DecisionImporter importer, ILogger<DecisionTopics> log) : IHostedService
{
    readonly List<IDisposable> _subscriptions = [];

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
        var verdict = await importer.ImportAsync(message.Text, $"mqtt:{message.Topic}");
        if (!verdict.IsAccepted) throw new InboundRejectedException($"decision-{verdict.Reason}");
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var s in _subscriptions) s.Dispose();
        return Task.CompletedTask;
    }
}

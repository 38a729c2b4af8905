using MQTTnet;
using MQTTnet.Protocol;

namespace Frikommune.Edge.Mqtt;

public sealed partial class MqttConnection
{
    /// <summary>
    /// Subscribes now if connected, and again after every reconnect. The handler sees only messages that
    /// passed the inbound guard for <paramref name="expects"/>; retained ones have <see cref="InboundMessage.Retain"/> set.
    /// </summary>
    /// <param name="lane">Which queue and loop handle it (see <see cref="InboundLanes"/>).</param>
    public IDisposable Subscribe(string topicFilter, PayloadKind expects, Func<InboundMessage, Task> handler, string lane = InboundLanes.Default)
    {
        var subscription = Inbound.Add(topicFilter, expects, handler, lane);
        if (IsConnected) _ = SubscribeNowAsync(topicFilter);
        return subscription;
    }

    async Task SubscribeNowAsync(string topicFilter)
    {
        try { await _client.SubscribeAsync(Options([topicFilter]), _stopping.Token).ConfigureAwait(false); }
        catch (Exception e) { _log.LogWarning("MQTT subscribe to {Filter} failed; it is retried after the next reconnect: {Error}", topicFilter, e.Message); }
    }

    async Task<IReadOnlyList<string>> ResubscribeAsync(CancellationToken cancellationToken)
    {
        var filters = Inbound.Filters;
        if (filters.Count == 0) return filters;
        var result = await _client.SubscribeAsync(Options(filters), cancellationToken).ConfigureAwait(false);
        foreach (var item in result.Items.Where(i => (int)i.ResultCode > 2))
            _log.LogWarning("MQTT broker refused the subscription to {Filter}: {Code}", item.TopicFilter.Topic, item.ResultCode);
        return filters;
    }

    static MqttClientSubscribeOptions Options(IEnumerable<string> filters)
    {
        var builder = new MqttClientSubscribeOptionsBuilder();
        foreach (var f in filters) builder.WithTopicFilter(f, MqttQualityOfServiceLevel.AtLeastOnce);
        return builder.Build();
    }
}

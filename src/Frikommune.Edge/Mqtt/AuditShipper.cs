using Frikommune.Edge.Audit;
using Frikommune.Edge.Storage;

namespace Frikommune.Edge.Mqtt;

/// <summary>
/// Ships every audit record upstream on <c>P/audit</c> (QoS 1, in seq order) from the durable trail, so a
/// municipality can collect all its gateways' records. The mark moves only past records the broker has
/// acknowledged, so after a reconnect or a restart it resumes there (a record may arrive twice; never not at all).
/// </summary>
public sealed class AuditShipper(MqttConnection connection, AuditReader reader, AuditShippedMark mark, SqliteAuditTrail trail,
    ILogger<AuditShipper> log) : BackgroundService, IAuditAppendObserver
{
    const int BatchSize = 256;
    readonly SemaphoreSlim _appended = new(0);

    /// <summary>The last seq the broker acknowledged.</summary>
    public long Shipped { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var appended = trail.Subscribe(this);
        try
        {
            Shipped = mark.Read();
            while (!stoppingToken.IsCancellationRequested)
            {
                await connection.WhenConnectedAsync(stoppingToken).ConfigureAwait(false);
                var batch = reader.ReadAfter(Shipped, BatchSize).ToList();
                if (batch.Count == 0)
                {
                    // The event is the fast path; the timeout covers records appended by a CLI command in another process.
                    await _appended.WaitAsync(TimeSpan.FromSeconds(30), stoppingToken).ConfigureAwait(false);
                    continue;
                }
                await ShipAsync(batch).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    async Task ShipAsync(List<AuditRecord> batch)
    {
        var topic = connection.Endpoint.Topic(AuditPayload.Suffix);
        // Queued together, sent in order by the connection's single sender; the mark advances over the acknowledged prefix.
        var sends = batch.Select(r => connection.PublishAsync(new OutboundMessage(topic, AuditPayload.Serialize(r)) { Bulk = true })).ToList();
        var shipped = Shipped;
        for (var i = 0; i < batch.Count; i++)
        {
            if (await sends[i].ConfigureAwait(false) != PublishOutcome.Delivered) break;
            shipped = batch[i].Seq;
        }
        if (shipped == Shipped) { log.LogDebug("Audit shipping paused at {Seq}", Shipped); return; }
        mark.Save(shipped);
        Shipped = shipped;
    }

    public void OnAppended(long seq)
    {
        if (_appended.CurrentCount == 0) _appended.Release();
    }
}

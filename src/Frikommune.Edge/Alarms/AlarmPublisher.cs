using Frikommune.Edge.Upstream;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Frikommune.Edge.Alarms;

/// <summary>
/// Publishes the alarm outbox in order, at least once: <c>P/alarms/&lt;id&gt;</c> retained while open; on resolve
/// the resolved state, then the retained message cleared. A row is marked only after the broker's PUBACK, so
/// a broker outage, a restart or a power cut delays alarms but never loses one.
/// </summary>
public sealed class AlarmPublisher(SqliteAlarmOutbox outbox, IUpstream upstream, TimeProvider time, ILogger<AlarmPublisher> log)
    : BackgroundService
{
    static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(5);
    readonly SemaphoreSlim _wake = new(0);

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        outbox.Pending += Wake;
        upstream.ConnectionChanged += Wake;
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                if (upstream.IsConnected) await PublishPendingAsync(stopping);
                // Woken by a new change or a (re)connect; the delay retries a publish that failed while connected.
                await Task.WhenAny(_wake.WaitAsync(stopping), Task.Delay(RetryEvery, time, stopping));
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested) { }
        finally
        {
            outbox.Pending -= Wake;
            upstream.ConnectionChanged -= Wake;
        }
    }

    void Wake() => _wake.Release();

    async Task PublishPendingAsync(CancellationToken stopping)
    {
        try
        {
            for (var batch = outbox.ReadPending(100); batch.Count > 0; batch = outbox.ReadPending(100))
                foreach (var item in batch)
                {
                    var topic = upstream.Topic($"alarms/{item.AlarmId}");
                    await upstream.PublishAsync(topic, item.Payload, retain: !item.Resolved, stopping);
                    if (item.Resolved) await upstream.PublishAsync(topic, ReadOnlyMemory<byte>.Empty, retain: true, stopping);
                    outbox.MarkPublished(item.Seq, time.GetUtcNow());
                }
        }
        catch (Exception e) when (e is not OperationCanceledException || !stopping.IsCancellationRequested)
        {
            log.LogWarning("Alarm publishing paused: {Problem}; unpublished alarms stay in the outbox", e.Message);
        }
    }
}

using System.Collections.Concurrent;

namespace Frikommune.Edge.Mqtt;

/// <summary>
/// Logs dropped messages by topic and reason, at most once a minute per topic, so a device spraying
/// garbage cannot fill the disk with log lines. Content is never logged: it may be personal data.
/// </summary>
public sealed class DropLog(TimeProvider time, ILogger<DropLog> log)
{
    static readonly TimeSpan Quiet = TimeSpan.FromMinutes(1);
    readonly ConcurrentDictionary<string, (DateTimeOffset Last, long Suppressed)> _topics = new();

    /// <summary>Topics remembered one by one; past that, drops on new topics share one entry (a stranger can invent topics).</summary>
    public const int MaxTopics = 1000;
    const string OtherTopics = "(other topics)";

    public void Dropped(string topic, string reason, Exception? error)
    {
        if (_topics.Count >= MaxTopics && !_topics.ContainsKey(topic)) topic = OtherTopics;
        var now = time.GetUtcNow();
        var suppressed = 0L;
        var logIt = false;
        _topics.AddOrUpdate(topic,
            _ => { logIt = true; return (now, 0); },
            (_, s) =>
            {
                if (now - s.Last < Quiet) { logIt = false; return (s.Last, s.Suppressed + 1); }
                logIt = true; suppressed = s.Suppressed; return (now, 0);
            });
        if (!logIt) return;
        // The exception's type only: its message could quote the payload.
        if (error is null)
            log.LogWarning("MQTT message on {Topic} dropped: {Reason} ({Suppressed} more dropped on this topic since the last line)", topic, reason, suppressed);
        else
            log.LogWarning("MQTT message on {Topic} dropped: {Reason} {ErrorType} ({Suppressed} more dropped on this topic since the last line)", topic, reason, error.GetType().Name, suppressed);
    }
}

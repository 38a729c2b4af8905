using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;

namespace Frikommune.Edge.Hosting;

/// <summary>
/// Lets at most <see cref="PerWindow"/> events of one message template and level through per <see cref="Window"/>;
/// the rest are counted, and the next line let through says how many similar lines were left out
/// (<c>{Suppressed}</c> in the output template). Someone who can make the gateway log a warning (a wrong password,
/// a malformed MQTT message) can then no longer fill the disk or roll the earlier days' logs away. Fatal events always pass.
/// </summary>
public sealed class LogRepeatLimit(TimeProvider time, int perWindow = LogRepeatLimit.PerWindow) : ILogEventFilter, ILogEventEnricher
{
    public const int PerWindow = 30;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    public const string SuppressedProperty = "Suppressed";
    const int MaxKeys = 4096;

    readonly ConcurrentDictionary<(string, LogEventLevel), Bucket> _buckets = new();

    public bool IsEnabled(LogEvent logEvent)
    {
        if (logEvent.Level == LogEventLevel.Fatal) return true;
        var key = (logEvent.MessageTemplate.Text, logEvent.Level);
        if (_buckets.Count >= MaxKeys && !_buckets.ContainsKey(key)) _buckets.Clear();
        var bucket = _buckets.GetOrAdd(key, _ => new Bucket());
        var now = time.GetUtcNow();
        lock (bucket)
        {
            if (now - bucket.Start >= Window)
            {
                bucket.Start = now;
                bucket.Passed = 0;
            }
            if (bucket.Passed >= perWindow)
            {
                bucket.Suppressed++;
                return false;
            }
            bucket.Passed++;
            if (bucket.Suppressed > 0)
            {
                logEvent.AddOrUpdateProperty(new LogEventProperty(SuppressedProperty,
                    new ScalarValue($" ({bucket.Suppressed} similar lines left out)")));
                bucket.Suppressed = 0;
            }
            return true;
        }
    }

    /// <summary>An empty <c>{Suppressed}</c> on every other event, so the output template renders nothing there.</summary>
    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory) =>
        logEvent.AddPropertyIfAbsent(new LogEventProperty(SuppressedProperty, new ScalarValue("")));

    sealed class Bucket
    {
        public DateTimeOffset Start = DateTimeOffset.MinValue;
        public int Passed;
        public long Suppressed;
    }
}

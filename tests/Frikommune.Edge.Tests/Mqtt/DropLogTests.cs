using Frikommune.Edge.Mqtt;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Frikommune.Edge.Tests.Mqtt;

public sealed class DropLogTests
{
    sealed class CountingLogger : ILogger<DropLog>
    {
        public int Lines;
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Interlocked.Increment(ref Lines);
    }

    [Fact]
    public void Invented_topics_cost_at_most_one_line_a_minute_once_the_topic_memory_is_full()
    {
        var log = new CountingLogger();
        var drops = new DropLog(new FakeTimeProvider(DateTimeOffset.UnixEpoch), log);
        for (var i = 0; i < 20_000; i++) drops.Dropped($"p/alarms/invented-{i}/ack", "too-large", null);
        Assert.Equal(DropLog.MaxTopics + 1, log.Lines);
    }
}

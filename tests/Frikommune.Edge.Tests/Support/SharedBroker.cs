using System.Text.Json.Nodes;

namespace Frikommune.Edge.Tests.Support;

/// <summary>
/// One Mosquitto for all tests of a class (an xUnit class fixture) instead of one per test. Each test takes its own
/// topic prefix and client id through <see cref="Attach"/>, so one test's retained messages and broker session never
/// reach the next. Classes that stop, pause or reconfigure their broker keep their own <see cref="Mosquitto"/>.
/// </summary>
public sealed class SharedBroker : IAsyncLifetime
{
    static int _tests;
    Mosquitto _broker = null!;

    public int Port => _broker.Port;

    public async Task InitializeAsync() => _broker = await Mosquitto.StartAsync();

    public Task DisposeAsync()
    {
        _broker.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Points <paramref name="site"/> at this broker under a topic prefix and client id of its own (and writes it).</summary>
    public TestSite Attach(TestSite site)
    {
        var test = Interlocked.Increment(ref _tests);
        var prefix = site.TopicPrefix;
        MoveTopics(site.Json, prefix + "/", $"{prefix}-t{test}/"); // sensors name their topics in full
        site.Json["Mqtt"]!["TopicPrefix"] = $"{prefix}-t{test}";
        site.Json["Mqtt"]!["ClientId"] = $"frikommune-edge-t{test}";
        return site.UseBroker(Port);
    }

    static void MoveTopics(JsonNode? node, string from, string to)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o.ToList())
                    if (value is JsonValue v && v.TryGetValue<string>(out var text) && text.StartsWith(from, StringComparison.Ordinal))
                        o[key] = to + text[from.Length..];
                    else MoveTopics(value, from, to);
                break;
            case JsonArray a:
                foreach (var item in a) MoveTopics(item, from, to);
                break;
        }
    }
}

using Frikommune.Edge.Configuration;

namespace Frikommune.Edge.Mqtt;

/// <summary>Where and how to connect, resolved from <c>Mqtt:*</c>: the CA file against the config folder, the embedded broker's address under --simulate.</summary>
public sealed record MqttEndpoint(string Host, int Port, string TopicPrefix, string ClientId)
{
    public bool UseTls { get; init; }
    public string? CaFile { get; init; }
    public string? Username { get; init; }
    public string? Password { get; init; }
    public TimeSpan ReconnectCap { get; init; } = TimeSpan.FromSeconds(2);
    public int OutboxCapacity { get; init; } = 10_000;
    /// <summary>The broker is the gateway's own (<see cref="EmbeddedBroker"/>).</summary>
    public bool Embedded { get; init; }

    /// <summary>True when `run --simulate` was given no broker: the gateway brings its own.</summary>
    public static bool UsesEmbeddedBroker(MqttOptions mqtt, GatewayRun run) => run.Simulate && string.IsNullOrWhiteSpace(mqtt.Host);

    public static MqttEndpoint From(MqttOptions o, SiteOptions site, GatewayRun run) =>
        new(UsesEmbeddedBroker(o, run) ? "127.0.0.1" : o.Host ?? "", o.Port, o.TopicPrefix,
            string.IsNullOrWhiteSpace(o.ClientId) ? $"frikommune-edge-{site.Id}" : o.ClientId)
        {
            UseTls = o.UseTls,
            CaFile = string.IsNullOrWhiteSpace(o.CaFile) ? null : run.ResolveFile(o.CaFile),
            Username = string.IsNullOrEmpty(o.Username) ? null : o.Username,
            Password = o.Password,
            ReconnectCap = TimeSpan.FromSeconds(o.ReconnectMaxSeconds),
            Embedded = UsesEmbeddedBroker(o, run),
        };

    public string Topic(string suffix) => $"{TopicPrefix}/{suffix}";

    /// <summary>What serving needs beyond the section's own checks: a broker, unless `run --simulate` brings its own.</summary>
    public static IEnumerable<string> Problems(MqttOptions o, GatewayRun run)
    {
        if (string.IsNullOrWhiteSpace(o.Host) && !run.Simulate)
            yield return "Mqtt:Host: is required (only `run --simulate` may leave it empty, to use the embedded broker)";
    }
}

using Frikommune.Edge.Configuration;
using Frikommune.Edge.Hosting;

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

    /// <summary>True when `run --simulate` was given no broker: the gateway brings its own.</summary>
    public static bool UsesEmbeddedBroker(GatewaySettings settings) => settings.Simulate && string.IsNullOrWhiteSpace(settings.Options.Mqtt.Host);

    public static MqttEndpoint From(GatewaySettings settings)
    {
        var o = settings.Options.Mqtt;
        return new MqttEndpoint(UsesEmbeddedBroker(settings) ? "127.0.0.1" : o.Host ?? "", o.Port, o.TopicPrefix,
            string.IsNullOrWhiteSpace(o.ClientId) ? $"frikommune-edge-{settings.Options.Site.Id}" : o.ClientId)
        {
            UseTls = o.UseTls,
            CaFile = string.IsNullOrWhiteSpace(o.CaFile) ? null : settings.Paths.ResolveFile(o.CaFile),
            Username = string.IsNullOrEmpty(o.Username) ? null : o.Username,
            Password = o.Password,
            ReconnectCap = TimeSpan.FromSeconds(o.ReconnectMaxSeconds),
        };
    }

    public string Topic(string suffix) => $"{TopicPrefix}/{suffix}";

    /// <summary>Problems `run` must refuse to start with, beside ConfigurationValidator's.</summary>
    public static IReadOnlyList<string> Problems(GatewaySettings settings)
    {
        var o = settings.Options.Mqtt;
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(o.Host) && !settings.Simulate)
            problems.Add("Mqtt:Host: is required (only `run --simulate` may leave it empty, to use the embedded broker)");
        if (o.UseTls && !string.IsNullOrWhiteSpace(o.CaFile) && !File.Exists(settings.Paths.ResolveFile(o.CaFile)))
            problems.Add($"Mqtt:CaFile: {settings.Paths.ResolveFile(o.CaFile)} does not exist");
        return problems;
    }
}

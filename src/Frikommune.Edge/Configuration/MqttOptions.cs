namespace Frikommune.Edge.Configuration;

public sealed class MqttOptions
{
    /// <summary>Broker host. Empty with <c>run --simulate</c> starts the embedded broker.</summary>
    public string? Host { get; set; }
    public int Port { get; set; } = 1883;
    public bool UseTls { get; set; }
    public string? CaFile { get; set; }
    public string? Username { get; set; }
    public string? Password { get; set; }
    public string TopicPrefix { get; set; } = "";
    public string? ClientId { get; set; }
    /// <summary>The staff devices' public keys, <c>&lt;id&gt;.pem</c>, that sign staff commands (CONTRACT § 4); relative to the configuration.</summary>
    public string DeviceKeysPath { get; set; } = "devices";
    /// <summary>Cap of the reconnect backoff.</summary>
    public int ReconnectMaxSeconds { get; set; } = 2;
}

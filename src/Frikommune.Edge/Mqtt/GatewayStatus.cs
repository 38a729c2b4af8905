using System.Text.Json;
using Frikommune.Edge.Audit;
using Frikommune.Edge.Hosting;

namespace Frikommune.Edge.Mqtt;

/// <summary>The retained <c>P/status</c> payload (CONTRACT § 4).</summary>
public static class GatewayStatus
{
    public const string Suffix = "status";

    /// <summary>
    /// For the last will, <paramref name="since"/> is when the session that ended began: MQTT has no way to
    /// stamp a will when the broker sends it.
    /// </summary>
    public static byte[] Payload(bool online, DateTimeOffset since) =>
        JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string>
        {
            ["state"] = online ? "online" : "offline",
            ["version"] = GatewayVersion.Current,
            ["since"] = AuditExport.Iso(since),
        }, MqttJson.Outbound);
}

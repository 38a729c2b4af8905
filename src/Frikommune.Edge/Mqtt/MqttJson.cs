using System.Text.Encodings.Web;
using System.Text.Json;

namespace Frikommune.Edge.Mqtt;

/// <summary>Typed JSON subscriptions: a payload that is JSON but not the expected shape is dropped as <c>wrong-type</c>.</summary>
public static class MqttJson
{
    public const string WrongType = "wrong-type";
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { MaxDepth = Sensors.PayloadGuard.MaxJsonDepth };

    /// <summary>
    /// For payloads the gateway publishes: an MQTT payload is never spliced into HTML, so only what JSON itself requires
    /// is escaped — a version reads <c>"0.1.0+abc"</c>, not <c>"0.1.0+abc"</c>.
    /// </summary>
    public static readonly JsonSerializerOptions Outbound = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static IDisposable SubscribeJson<T>(this MqttConnection connection, string topicFilter, Func<T, InboundMessage, Task> handler) where T : class =>
        connection.Subscribe(topicFilter, PayloadKind.Json, message => handler(Read<T>(message), message));

    public static T Read<T>(InboundMessage message) where T : class
    {
        try { return JsonSerializer.Deserialize<T>(message.Payload.Span, Options) ?? throw new InboundRejectedException(WrongType); }
        catch (JsonException) { throw new InboundRejectedException(WrongType); }
    }
}

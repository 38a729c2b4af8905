using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Frikommune.Edge.Wire;

/// <summary>
/// The one set of JSON rules for everything the gateway sends: camelCase, instants as <see cref="Clock.IsoTime"/>,
/// absent optional fields left out, and no needless escapes (<c>"0.1.0+abc"</c>, not <c>"0.1.0\u002Babc"</c>;
/// <c>"§14f"</c>, <c>"Yderdør"</c>). The relaxed encoder is only for outputs read as JSON (MQTT, HTTP
/// <c>application/json</c>, the page's event stream, CLI files); JSON placed into HTML must not use these options.
/// </summary>
public static class WireJson
{
    /// <summary>MQTT payloads and HTTP bodies: one line.</summary>
    public static readonly WireJsonContext Compact = new(Options());

    /// <summary>Files a person may read (<c>audit export --format json</c>).</summary>
    public static readonly WireJsonContext Indented = new(Options(indented: true));

    /// <summary>The rules, for a context beside its own types (an adapter's or a capability's document).</summary>
    public static JsonSerializerOptions Options(bool indented = false, IJsonTypeInfoResolver? resolver = null)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            WriteIndented = indented,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            MaxDepth = 16,
        };
        options.Converters.Add(new IsoTimeJsonConverter());
        if (resolver is not null) options.TypeInfoResolver = resolver;
        return options;
    }

    /// <summary>The same rules on ASP.NET Core's options (HTTP responses and request bodies).</summary>
    public static void Apply(JsonSerializerOptions target, params IJsonTypeInfoResolver[] resolvers)
    {
        target.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        target.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        target.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        target.Converters.Add(new IsoTimeJsonConverter());
        for (var i = 0; i < resolvers.Length; i++) target.TypeInfoResolverChain.Insert(i, resolvers[i]);
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Frikommune.Edge.Configuration;
using Frikommune.Edge.Wire;

namespace Frikommune.Edge.Web;

static class ConfigEndpoints
{
    // camelCase like every other answer; every key is shown, also an empty one, because a technician reads this to see what is in force.
    static readonly WebJsonContext Json = new(Config());

    static JsonSerializerOptions Config()
    {
        var options = WireJson.Options();
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        return options;
    }

    /// <summary>Technicians may see the configuration in force; secrets are never shown (camera URLs without their credentials).</summary>
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/config", (GatewayOptions options) =>
        {
            var json = JsonSerializer.SerializeToNode(options, Json.GatewayOptions)!.AsObject();
            if (json["mqtt"]?["password"] is not null) json["mqtt"]!["password"] = SecretMask.Mask;
            if (json["http"]?["metricsToken"] is not null) json["http"]!["metricsToken"] = SecretMask.Mask;
            foreach (var room in json["rooms"]?.AsArray() ?? [])
                if (room?["camera"]?["url"] is JsonValue url) room["camera"]!["url"] = SecretMask.Url(url.GetValue<string>());
            return Results.Json(json, Json.JsonObject);
        }).RequireAuthorization(Policies.Technician);
}

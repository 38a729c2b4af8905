using System.Text.Json;
using System.Text.Json.Nodes;
using Frikommune.Edge.Configuration;

namespace Frikommune.Edge.Web;

static class ConfigEndpoints
{
    /// <summary>Technicians may see the configuration in force; secrets are never shown (camera URLs without their credentials).</summary>
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/config", (GatewayOptions options) =>
        {
            var json = JsonSerializer.SerializeToNode(options)!.AsObject();
            if (json["Mqtt"]?["Password"] is not null) json["Mqtt"]!["Password"] = SecretMask.Mask;
            if (json["Http"]?["MetricsToken"] is not null) json["Http"]!["MetricsToken"] = SecretMask.Mask;
            foreach (var room in json["Rooms"]?.AsArray() ?? [])
                if (room?["Camera"]?["Url"] is JsonValue url) room["Camera"]!["Url"] = SecretMask.Url(url.GetValue<string>());
            return Results.Json(json);
        }).RequireAuthorization(Policies.Technician);
}

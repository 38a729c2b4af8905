using System.Text.Json;
using System.Text.Json.Nodes;
using Frikommune.Edge.Configuration;

namespace Frikommune.Edge.Web;

static class ConfigEndpoints
{
    /// <summary>Technicians may see the configuration in force; secrets are never shown.</summary>
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/config", (GatewayOptions options) =>
        {
            var json = JsonSerializer.SerializeToNode(options)!.AsObject();
            if (json["Mqtt"]?["Password"] is not null) json["Mqtt"]!["Password"] = "********";
            return Results.Json(json);
        }).RequireAuthorization(Policies.Technician);
}

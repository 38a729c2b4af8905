using Frikommune.Edge.Clock;
using Frikommune.Edge.Configuration;
using Frikommune.Edge.Hosting;

namespace Frikommune.Edge.Web;

static class StatusEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/status", (GatewaySettings settings, IClockTrust clock, TimeProvider time) => Results.Json(new
        {
            site = new { id = settings.Options.Site.Id, name = settings.Options.Site.Name },
            version = GatewayVersion.Current,
            simulate = settings.Simulate,
            now = time.GetUtcNow(),
            clock = new { trusted = clock.IsTrusted, problem = clock.Problem },
        }));
    }
}

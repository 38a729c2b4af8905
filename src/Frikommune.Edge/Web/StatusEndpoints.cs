using Frikommune.Edge.Clock;
using Frikommune.Edge.Decisions;
using Frikommune.Edge.Hosting;

namespace Frikommune.Edge.Web;

static class StatusEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/status", (Configuration.SiteOptions site, Configuration.GatewayRun run, IClockTrust clock, DecisionRegistry decisions, TimeProvider time, IServiceProvider services) =>
        {
            var now = time.GetUtcNow();
            return Results.Json(new
            {
                site = new { id = site.Id, name = site.Name },
                version = GatewayVersion.Current,
                simulate = run.Simulate,
                now,
                clock = new { trusted = clock.IsTrusted, problem = clock.Problem },
                decisions = decisions.States(now).GroupBy(v => v.State).ToDictionary(g => g.Key, g => g.Count()),
                parts = services.GetServices<IStatusPart>().ToDictionary(p => p.Name, p => p.Status()),
                receivers = PagingEndpoints.Receivers(services),
            });
        });
    }
}

/// <summary>A capability's piece of <c>/api/status</c> (doors, MQTT, check-ins …).</summary>
public interface IStatusPart
{
    string Name { get; }
    object Status();
}

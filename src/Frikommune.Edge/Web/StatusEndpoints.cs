using Frikommune.Edge.Clock;
using Frikommune.Edge.Decisions;
using Frikommune.Edge.Hosting;
using Frikommune.Edge.Health;

namespace Frikommune.Edge.Web;

static class StatusEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/status", (Configuration.SiteOptions site, Configuration.GatewayRun run, IClockTrust clock, DecisionRegistry decisions, TimeProvider time, IServiceProvider services) =>
        {
            var now = time.GetUtcNow();
            return Results.Json(new StatusView(
                new SiteView(site.Id, site.Name),
                GatewayVersion.Current,
                run.Simulate,
                now,
                new ClockView(clock.IsTrusted, clock.Problem),
                decisions.States(now).GroupBy(v => v.State).ToDictionary(g => g.Key, g => g.Count()),
                services.GetServices<IStatusPart>().ToDictionary(p => p.Name, p => p.Status()),
                PagingEndpoints.Receivers(services)));
        });
    }
}

/// <summary>A capability's piece of <c>/api/status</c> (doors, MQTT, check-ins …).</summary>
public interface IStatusPart
{
    string Name { get; }

    /// <summary>A record listed in <see cref="WebJsonContext"/> or <see cref="Wire.WireJsonContext"/>.</summary>
    object Status();
}

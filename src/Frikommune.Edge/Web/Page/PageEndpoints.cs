using System.Security.Claims;
using Frikommune.Edge.Configuration;
using Frikommune.Edge.Users;

namespace Frikommune.Edge.Web.Page;

/// <summary>The page itself and <c>/api/page</c>: what it needs to draw its buttons.</summary>
static class PageEndpoints
{
    public static void Map(WebApplication app, RouteGroupBuilder api, PageAssets assets, bool simulation)
    {
        app.MapGet("/", (HttpContext context) => assets.Serve(context, "index.html")).RequireAuthorization(Policies.Staff);
        app.MapGet(PageAssets.Prefix + "/{name}", (HttpContext context, string name) => assets.Serve(context, name)).AllowAnonymous();
        api.MapGet("/page", (ClaimsPrincipal user, GatewayOptions options) => Results.Json(new
        {
            site = options.Site.Name,
            rooms = options.Rooms.Select(r => r.Id),
            simulation = simulation && user.IsInRole(Roles.Technician) ? new
            {
                doors = options.Doors.Select(d => new { id = d.Id, name = d.Name, buttonA = d.Pins.ButtonA, buttonB = d.Pins.ButtonB, contact = d.Pins.Contact }),
                sensors = options.Rooms.SelectMany(r => r.Sensors.Select(s => new { id = s.Id, room = r.Id, kind = s.Kind, format = s.Format })),
            } : null,
        }));
    }
}

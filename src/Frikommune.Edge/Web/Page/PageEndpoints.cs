using System.Security.Claims;
using Frikommune.Edge.CheckIns;
using Frikommune.Edge.Configuration;
using Frikommune.Edge.Users;
using Frikommune.Edge.Storage;

namespace Frikommune.Edge.Web.Page;

/// <summary>The page itself and <c>/api/page</c>: what it needs to draw its buttons.</summary>
static class PageEndpoints
{
    public static void Map(WebApplication app, RouteGroupBuilder api, PageAssets assets, bool simulation)
    {
        app.MapGet("/", (HttpContext context) => assets.Serve(context, "index.html")).RequireAuthorization(Policies.Staff);
        app.MapMethods(PageAssets.Prefix + "/{name}", [HttpMethods.Get, HttpMethods.Head],
            (HttpContext context, string name) => assets.Serve(context, name)).AllowAnonymous();
        api.MapGet("/page", (ClaimsPrincipal user, SiteOptions site, RoomList rooms, DoorList doors, TimeProvider time) => Results.Json(new PageView(
            site.Name,
            time.GetUtcNow(), // the page's countdowns follow the gateway's clock, not the tablet's
            rooms.Select(r => r.Id).ToList(),
            simulation && user.IsInRole(Roles.Technician)
                ? new PageSimulationView(
                    doors.Select(d => new SimulatedDoorView(d.Id, d.Name, d.Pins.ButtonA, d.Pins.ButtonB, d.Pins.Contact)).ToList(),
                    rooms.SelectMany(r => r.Sensors.Select(s => new SimulatedSensorView(s.Id, r.Id, s.Kind, s.Format))).ToList())
                : null)));
        // For the refusal "cooldown": the gap the decisions in force ask for, so staff are told how long to wait.
        api.MapGet("/page/rooms/{room}/checkin-gap", (string room, ICheckInFacts facts, CheckInsOptions options) =>
        {
            var policies = facts.Read(room).Policies;
            return policies.Count == 0
                ? JsonBody.Refuse(StatusCodes.Status404NotFound, "no-valid-decision")
                : Results.Json(new CheckInGapView(room, CheckInRules.Limits(policies, options).MinGapSeconds));
        });
    }
}

using Frikommune.Edge.Clock;
using Frikommune.Edge.Notify;
using Frikommune.Edge.Paging;

namespace Frikommune.Edge.Web;

/// <summary>The receivers' health for <c>/api/status</c>, and what a simulated handset displays (technician).</summary>
static class PagingEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/paging/calls", (PagingLines lines) => Results.Json(
            (lines.Simulator?.Recent() ?? []).SelectMany(c => lines.SimulatedReceivers(c.CallAddress).DefaultIfEmpty("").Select(receiver => new
            {
                receiver, callAddress = c.CallAddress, text = c.Text,
                priority = c.Priority switch { '1' => "high", '2' => "medium", _ => "low" },
                at = IsoTime.Format(c.At),
            }))))
            .RequireAuthorization(Policies.Technician);
    }

    public static object Receivers(IServiceProvider services)
    {
        var pager = services.GetService<IPager>();
        var dispatcher = services.GetService<DeliveryDispatcher>();
        if (pager is null || dispatcher is null) return Array.Empty<object>();
        return dispatcher.Receivers.Select(r =>
        {
            var (up, lastError) = pager.Health(r);
            return new { id = r.Id, kind = r.Kind, state = up ? "up" : "down", lastError };
        }).ToList();
    }
}

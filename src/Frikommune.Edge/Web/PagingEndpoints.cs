using Frikommune.Edge.Notify;
using Frikommune.Edge.Paging;

namespace Frikommune.Edge.Web;

/// <summary>The receivers' health for <c>/api/status</c>, and what a simulated handset displays (technician).</summary>
static class PagingEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/paging/calls", (PagingLines lines) => Results.Json(
            ((lines.Simulator as Simulation.PagingSimulator)?.Recent() ?? []).SelectMany(c => lines.SimulatedReceivers(c.CallAddress).DefaultIfEmpty("").Select(receiver =>
                new PagingCallView(receiver, c.CallAddress, c.Text, c.Priority switch { '1' => "high", '2' => "medium", _ => "low" }, c.At))).ToList()))
            .RequireAuthorization(Policies.Technician);
    }

    public static IReadOnlyList<ReceiverView> Receivers(IServiceProvider services)
    {
        var pager = services.GetService<IPager>();
        var dispatcher = services.GetService<DeliveryDispatcher>();
        if (pager is null || dispatcher is null) return [];
        return dispatcher.Receivers.Select(r =>
        {
            var (up, lastError) = pager.Health(r);
            return new ReceiverView(r.Id, r.Kind, up ? "up" : "down", lastError);
        }).ToList();
    }
}

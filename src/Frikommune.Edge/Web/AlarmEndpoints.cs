using System.Security.Claims;
using Frikommune.Edge.Alarms;
using Frikommune.Edge.Wire;

namespace Frikommune.Edge.Web;

static class AlarmEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/alarms", (AlarmDesk desk, Notify.DeliveryBook deliveries) =>
            Results.Json(desk.Open().Select(a => AlarmJson.Payload(a, deliveries.For(a.Id))).ToList(), WireJson.Compact.ListAlarmPayload));
        api.MapPost("/alarms/{id}/ack", (string id, ClaimsPrincipal user, AlarmDesk desk) => Answer(desk.Acknowledge(id, user.Identity!.Name!)));
        api.MapPost("/alarms/{id}/resolve", (string id, ClaimsPrincipal user, AlarmDesk desk) => Answer(desk.Resolve(id, user.Identity!.Name!)));
    }

    static IResult Answer(AlarmActionOutcome outcome) => outcome.Result switch
    {
        AlarmActionResult.Done => Results.Json(AlarmJson.Payload(outcome.Alarm!), WireJson.Compact.AlarmPayload),
        AlarmActionResult.NotFound => JsonBody.Refuse(StatusCodes.Status404NotFound, "unknown-alarm"),
        AlarmActionResult.AlreadyAcknowledged => JsonBody.Refuse(StatusCodes.Status409Conflict, "already-acknowledged"),
        AlarmActionResult.AlreadyResolved => JsonBody.Refuse(StatusCodes.Status409Conflict, "already-resolved"),
        _ => JsonBody.Refuse(StatusCodes.Status400BadRequest, "invalid-staff"),
    };
}

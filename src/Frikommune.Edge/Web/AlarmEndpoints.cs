using System.Security.Claims;
using System.Text;
using Frikommune.Edge.Alarms;

namespace Frikommune.Edge.Web;

static class AlarmEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/alarms", (AlarmDesk desk, Notify.DeliveryBook deliveries) =>
            Json("[" + string.Join(",", desk.Open().Select(a => AlarmJson.ToJson(a, deliveries.For(a.Id)))) + "]"));
        api.MapPost("/alarms/{id}/ack", (string id, ClaimsPrincipal user, AlarmDesk desk) => Answer(desk.Acknowledge(id, user.Identity!.Name!)));
        api.MapPost("/alarms/{id}/resolve", (string id, ClaimsPrincipal user, AlarmDesk desk) => Answer(desk.Resolve(id, user.Identity!.Name!)));
    }

    static IResult Answer(AlarmActionOutcome outcome) => outcome.Result switch
    {
        AlarmActionResult.Done => Json(AlarmJson.ToJson(outcome.Alarm!)),
        AlarmActionResult.NotFound => Results.Json(new { reason = "unknown-alarm" }, statusCode: StatusCodes.Status404NotFound),
        AlarmActionResult.AlreadyAcknowledged => Results.Json(new { reason = "already-acknowledged" }, statusCode: StatusCodes.Status409Conflict),
        AlarmActionResult.AlreadyResolved => Results.Json(new { reason = "already-resolved" }, statusCode: StatusCodes.Status409Conflict),
        _ => Results.Json(new { reason = "invalid-staff" }, statusCode: StatusCodes.Status400BadRequest),
    };

    static IResult Json(string json) => Results.Text(json, "application/json", Encoding.UTF8);
}

using System.Security.Claims;
using System.Text.Json;
using Frikommune.Edge.Wire;
using Frikommune.Edge.CheckIns;
using Frikommune.Edge.Objections;

namespace Frikommune.Edge.Web;

static class CheckInEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/checkins", async (HttpRequest request, ClaimsPrincipal user, CheckInService checkIns, PublicAddress address) =>
        {
            var read = await JsonBody.ReadObjectAsync(request);
            if (read.Problem is { } problem) return problem;
            var body = read.Body!.Value;
            var room = JsonBody.Text(body, "room", out var roomWrong);
            var reason = JsonBody.Text(body, "reason", out var reasonWrong) ?? "";
            if (room is null || roomWrong || reasonWrong)
                return JsonBody.Refuse(StatusCodes.Status400BadRequest, "body must be {\"room\":\"…\",\"reason\":\"…\"}");
            if (CheckInRequestLimits.Problem(room, user.Identity!.Name!, reason) is { } invalid)
                return JsonBody.Refuse(StatusCodes.Status400BadRequest, invalid);
            var answer = await checkIns.RequestAsync(room, user.Identity!.Name!, reason, "http");
            if (answer.Grant is not { } g) return JsonBody.Refuse(StatusCodes.Status403Forbidden, answer.Refusal);
            var streamUrl = address.Link(answer.StreamPath!);
            return Results.Json(new CheckInGrantView(g.SessionId, g.Room, g.ExpiresAt, streamUrl), WireJson.Compact.CheckInGrantView, statusCode: StatusCodes.Status201Created);
        });
        api.MapGet("/checkins", (CheckInGate gate) => Results.Json(
            gate.OpenSessions().Select(s => new CheckInSessionView(s.SessionId, s.Room, s.Staff, s.StartedAt, s.ExpiresAt)).ToList(),
            WireJson.Compact.ListCheckInSessionView));
        api.MapPost("/residents/{resident}/objection", async (string resident, HttpRequest request, ClaimsPrincipal user, ObjectionBook objections, TimeProvider time) =>
        {
            var read = await JsonBody.ReadObjectAsync(request);
            if (read.Problem is { } problem) return problem;
            if (!read.Body!.Value.TryGetProperty("objects", out var o) || o.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                return JsonBody.Refuse(StatusCodes.Status400BadRequest, "body must be {\"objects\":true|false}");
            try
            {
                var outcome = await objections.RecordAsync(resident, o.GetBoolean(), user.Identity!.Name!, time.GetUtcNow());
                return Results.Json(new ObjectionView(resident, objections.HasObjection(resident), outcome.ToString().ToLowerInvariant()));
            }
            catch (ArgumentException e) { return JsonBody.Refuse(StatusCodes.Status400BadRequest, e.Message); }
        });
    }
}

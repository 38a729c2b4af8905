using System.Security.Claims;
using System.Text.Json;
using Frikommune.Edge.Audit;
using Frikommune.Edge.CheckIns;
using Frikommune.Edge.Objections;

namespace Frikommune.Edge.Web;

static class CheckInEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/checkins", async (HttpRequest request, ClaimsPrincipal user, CheckInService checkIns) =>
        {
            var body = await ReadAsync(request);
            var room = body is { } b && b.TryGetProperty("room", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
            if (room is null) return Results.Json(new { reason = "body must be {\"room\":\"…\",\"reason\":\"…\"}" }, statusCode: StatusCodes.Status400BadRequest);
            var reason = body!.Value.TryGetProperty("reason", out var why) && why.ValueKind == JsonValueKind.String ? why.GetString()! : "";
            var answer = await checkIns.RequestAsync(room, user.Identity!.Name!, reason, "http");
            if (answer.Grant is not { } g) return Results.Json(new { reason = answer.Refusal }, statusCode: StatusCodes.Status403Forbidden);
            var streamUrl = $"{request.Scheme}://{request.Host}{answer.StreamPath}";
            return Results.Json(new { sessionId = g.SessionId, room = g.Room, expiresAt = AuditExport.Iso(g.ExpiresAt), streamUrl }, statusCode: StatusCodes.Status201Created);
        });
        api.MapGet("/checkins", (CheckInGate gate) => Results.Json(gate.OpenSessions().Select(s => new
        {
            sessionId = s.SessionId, room = s.Room, staff = s.Staff, openedAt = AuditExport.Iso(s.StartedAt), expiresAt = AuditExport.Iso(s.ExpiresAt),
        })));
        api.MapPost("/residents/{resident}/objection", async (string resident, HttpRequest request, ClaimsPrincipal user, ObjectionBook objections, TimeProvider time) =>
        {
            var body = await ReadAsync(request);
            if (body is not { } b || !b.TryGetProperty("objects", out var o) || o.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                return Results.Json(new { reason = "body must be {\"objects\":true|false}" }, statusCode: StatusCodes.Status400BadRequest);
            try
            {
                var outcome = await objections.RecordAsync(resident, o.GetBoolean(), user.Identity!.Name!, time.GetUtcNow());
                return Results.Json(new { resident, objects = objections.HasObjection(resident), outcome = outcome.ToString().ToLowerInvariant() });
            }
            catch (ArgumentException e) { return Results.Json(new { reason = e.Message }, statusCode: StatusCodes.Status400BadRequest); }
        });
    }

    static async Task<JsonElement?> ReadAsync(HttpRequest request)
    {
        try
        {
            using var doc = await JsonDocument.ParseAsync(request.Body);
            return doc.RootElement.ValueKind == JsonValueKind.Object ? doc.RootElement.Clone() : null;
        }
        catch (JsonException) { return null; }
    }
}

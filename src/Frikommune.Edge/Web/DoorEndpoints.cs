using System.Device.Gpio;
using System.Security.Claims;
using System.Text.Json;
using Frikommune.Edge.Doors;
using Frikommune.Edge.Gpio;
using Frikommune.Edge.Simulation;

namespace Frikommune.Edge.Web;

static class DoorEndpoints
{
    public static void Map(RouteGroupBuilder api, bool simulatedGpio)
    {
        api.MapGet("/doors", (DoorFleet doors) => Results.Json(doors.Doors.Select(d => Describe(d.DoorId, d.State))));
        api.MapPost("/doors/{id}/release", async (string id, HttpRequest request, ClaimsPrincipal user, DoorFleet doors) =>
        {
            var door = doors.Find(id);
            if (door is null) return Results.Json(new { reason = "unknown-door" }, statusCode: StatusCodes.Status404NotFound);
            int? seconds = null;
            var read = await JsonBody.ReadObjectAsync(request, allowEmpty: true);
            if (read.Problem is { } problem) return problem;
            if (read.Body is { } body && body.TryGetProperty("seconds", out var s))
                seconds = s.ValueKind == JsonValueKind.Number && s.TryGetInt32(out var v) ? v : -1;
            return door.StaffRelease(user.Identity!.Name!, seconds)
                ? Results.Json(Describe(id, door.State))
                : Results.Json(new { reason = "seconds must be 1-300" }, statusCode: StatusCodes.Status400BadRequest);
        });
        if (!simulatedGpio) return;
        var sim = api.MapGroup("/sim").RequireAuthorization(Policies.Technician);
        sim.MapGet("/gpio", (SimulatedGpioDriver gpio) => Results.Json(gpio.Snapshot()));
        sim.MapGet("/gpio/{pin:int}", (int pin, SimulatedGpioDriver gpio) =>
            gpio.GetPin(pin) is { } p ? Results.Json(p) : Results.Json(new { reason = "pin not open" }, statusCode: StatusCodes.Status404NotFound));
        sim.MapPut("/gpio/{pin:int}", async (int pin, HttpRequest request, SimulatedGpioDriver gpio) =>
        {
            var read = await JsonBody.ReadObjectAsync(request);
            if (read.Problem is { } problem) return problem;
            var value = JsonBody.Text(read.Body!.Value, "value", out _);
            if (value is not ("high" or "low")) return Results.Json(new { reason = "body must be {\"value\":\"high\"|\"low\"}" }, statusCode: StatusCodes.Status400BadRequest);
            try { gpio.SetInputLevel(pin, value == "high" ? PinValue.High : PinValue.Low); }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException)
            {
                return Results.Json(new { reason = e.Message }, statusCode: StatusCodes.Status409Conflict);
            }
            return Results.Json(gpio.GetPin(pin));
        });
    }

    static object Describe(string id, DoorState s) => new { id, mode = s.Mode.ToContractName(), locked = s.Locked, open = s.Open, since = s.Since };
}

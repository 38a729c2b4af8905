using System.Device.Gpio;
using System.Security.Claims;
using System.Text.Json;
using Frikommune.Edge.Doors;
using Frikommune.Edge.Gpio;
using Frikommune.Edge.Simulation;
using Frikommune.Edge.Wire;

namespace Frikommune.Edge.Web;

static class DoorEndpoints
{
    public static void Map(RouteGroupBuilder api, bool simulatedGpio)
    {
        api.MapGet("/doors", (DoorFleet doors) => Results.Json(doors.Doors.Select(d => Describe(d.DoorId, d.State)).ToList(), WireJson.Compact.ListDoorView));
        api.MapPost("/doors/{id}/release", async (string id, HttpRequest request, ClaimsPrincipal user, DoorFleet doors) =>
        {
            var door = doors.Find(id);
            if (door is null) return JsonBody.Refuse(StatusCodes.Status404NotFound, "unknown-door");
            int? seconds = null;
            var read = await JsonBody.ReadObjectAsync(request, allowEmpty: true);
            if (read.Problem is { } problem) return problem;
            if (read.Body is { } body && body.TryGetProperty("seconds", out var s))
                seconds = s.ValueKind == JsonValueKind.Number && s.TryGetInt32(out var v) ? v : -1;
            return door.StaffRelease(user.Identity!.Name!, seconds)
                ? Results.Json(Describe(id, door.State), WireJson.Compact.DoorView)
                : JsonBody.Refuse(StatusCodes.Status400BadRequest, "seconds must be 1-300");
        });
        if (!simulatedGpio) return;
        var sim = api.MapGroup("/sim").RequireAuthorization(Policies.Technician);
        sim.MapGet("/gpio", (SimulatedGpioDriver gpio) => Results.Json(gpio.Snapshot()));
        sim.MapGet("/gpio/{pin:int}", (int pin, SimulatedGpioDriver gpio) =>
            gpio.GetPin(pin) is { } p ? Results.Json(p) : JsonBody.Refuse(StatusCodes.Status404NotFound, "pin not open"));
        sim.MapPut("/gpio/{pin:int}", async (int pin, HttpRequest request, SimulatedGpioDriver gpio) =>
        {
            var read = await JsonBody.ReadObjectAsync(request);
            if (read.Problem is { } problem) return problem;
            var value = JsonBody.Text(read.Body!.Value, "value", out _);
            if (value is not ("high" or "low")) return JsonBody.Refuse(StatusCodes.Status400BadRequest, "body must be {\"value\":\"high\"|\"low\"}");
            try { gpio.SetInputLevel(pin, value == "high" ? PinValue.High : PinValue.Low); }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException)
            {
                return JsonBody.Refuse(StatusCodes.Status409Conflict, e.Message);
            }
            return Results.Json(gpio.GetPin(pin));
        });
    }

    static DoorView Describe(string id, DoorState s) => DoorEventPump.View(s, id);
}

using Frikommune.Edge.Audit;
using Frikommune.Edge.Sensors;
using Frikommune.Edge.Storage;

namespace Frikommune.Edge.Web.Page;

/// <summary>The technician's extras: the latest audit records, and in simulation a way to play a sensor.</summary>
static class TechnicianEndpoints
{
    const int MaxSensorPayload = 4096;

    public static void Map(RouteGroupBuilder api, bool simulation)
    {
        var technician = api.MapGroup("").RequireAuthorization(Policies.Technician);
        technician.MapGet("/audit/recent", (AuditReader reader, int? count) =>
        {
            using var json = new MemoryStream();
            AuditExport.WriteJson(reader.ReadLast(Math.Clamp(count ?? 50, 1, 500)), json);
            return Results.Bytes(json.ToArray(), "application/json");
        });
        // The monthly report (registrering og indberetning), JSON; the page draws it.
        technician.MapGet("/reports/{month}", (string month, Storage.Database database, Configuration.SiteOptions site) =>
        {
            if (!Storage.ReportSource.TryParseMonth(month, out var year, out var m))
                return JsonBody.Refuse(StatusCodes.Status400BadRequest, "month must be YYYY-MM");
            var o = site;
            var report = Storage.ReportSource.FromTrail(database, o.Id, year, m, TimeZoneInfo.FindSystemTimeZoneById(o.TimeZone));
            return Results.Text(Audit.Report.ReportJson.Serialize(report), "application/json; charset=utf-8");
        });
        if (!simulation) return;
        // As if the sensor had published it: the same intake, gates and alarm rules as a message from the broker.
        technician.MapPost("/sim/sensors/{sensorId}", async (string sensorId, HttpRequest request, SensorIntake intake) =>
        {
            var payload = new byte[MaxSensorPayload + 1];
            var length = 0;
            int read;
            while (length < payload.Length && (read = await request.Body.ReadAsync(payload.AsMemory(length))) > 0) length += read;
            if (length > MaxSensorPayload) return JsonBody.Refuse(StatusCodes.Status413PayloadTooLarge, "payload over 4 KiB");
            var outcome = intake.Receive(sensorId, payload.AsSpan(0, length));
            var answer = new SensorPlayView(sensorId, Name(outcome.Status), outcome.Detail);
            return outcome.Status switch
            {
                IntakeStatus.UnknownSensor => Results.Json(answer, statusCode: StatusCodes.Status404NotFound),
                IntakeStatus.Rejected => Results.Json(answer, statusCode: StatusCodes.Status400BadRequest),
                _ => Results.Json(answer),
            };
        });
    }

    static string Name(IntakeStatus status) => status switch
    {
        IntakeStatus.Accepted => "accepted",
        IntakeStatus.Dropped => "dropped",
        IntakeStatus.Status => "status",
        IntakeStatus.Rejected => "rejected",
        _ => "unknown-sensor",
    };
}

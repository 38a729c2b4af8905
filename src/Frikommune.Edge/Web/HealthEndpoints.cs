using Frikommune.Edge.Metrics;
using Frikommune.Edge.Storage;

namespace Frikommune.Edge.Web;

static class HealthEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/healthz", () => Results.Text("ok\n"));
        app.MapGet("/readyz", (Database database) =>
        {
            try
            {
                using var connection = database.Open();
                Database.Execute(connection, "SELECT 1");
                return Results.Text("ready\n");
            }
            catch (Exception e)
            {
                return Results.Text($"storage not available: {e.Message}\n", statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        });
        MetricsEndpoint.Map(app);
    }
}

using Frikommune.Edge.Storage;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Frikommune.Edge.Web;

/// <summary>
/// <c>/healthz</c> (liveness: the process answers) and <c>/readyz</c> (readiness: storage open), no login (CONTRACT § 5).
/// Bodies stay plain text: <c>ok</c>, <c>ready</c>, or 503 with what is not available.
/// </summary>
static class HealthEndpoints
{
    const string Ready = "ready";

    public static IServiceCollection AddGatewayHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("storage", tags: [Ready]);
        return services;
    }

    public static void Map(WebApplication app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = (c, _) => WriteAsync(c, "ok\n") });
        app.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(Ready),
            ResponseWriter = (c, report) => WriteAsync(c, report.Status == HealthStatus.Healthy ? "ready\n"
                : string.Concat(report.Entries.Values.Where(e => e.Status != HealthStatus.Healthy).Select(e => e.Description + "\n"))),
        });
        MetricsEndpoint.Map(app);
    }

    static Task WriteAsync(HttpContext context, string body)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(body);
    }
}

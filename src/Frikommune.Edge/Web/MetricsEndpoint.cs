using System.Diagnostics.Metrics;
using System.Security.Cryptography;
using System.Text;
using Frikommune.Edge.Configuration;
using Frikommune.Edge.Metrics;
using Frikommune.Edge.Users;
using Microsoft.AspNetCore.Authentication;
using Frikommune.Edge.Storage;
using OpenTelemetry.Metrics;

namespace Frikommune.Edge.Web;

/// <summary>
/// <c>GET /metrics</c> (CONTRACT § 5): per-room sensor activity is personal data, so only a technician (Basic or the
/// page's cookie) or a scraper with <c>Authorization: Bearer &lt;Http:MetricsToken&gt;</c> may read it. The token is
/// compared in constant time. No login: 401; a staff login: 403. The text is written by OpenTelemetry's Prometheus
/// exporter from the instruments of <see cref="GatewayMetrics"/>.
/// </summary>
static class MetricsEndpoint
{
    public static IServiceCollection AddMetricsExport(this IServiceCollection services)
    {
        services.AddSingleton<GatewayMetrics>();
        services.AddOpenTelemetry().WithMetrics(metrics => ((IDeferredMeterProviderBuilder)metrics)
            .Configure((sp, builder) => builder.AddView(instrument => View(instrument, sp.GetRequiredService<IMeterFactory>())))
            .AddMeter(GatewayMetrics.MeterName)
            .AddPrometheusExporter(o =>
            {
                // Each scrape reads the instruments afresh; the names and labels stay the gateway's own.
                o.ScrapeResponseCacheDurationMilliseconds = 0;
                o.ScopeInfoEnabled = false;
                o.TargetInfoEnabled = false;
            }));
        return services;
    }

    /// <summary>
    /// Only this host's meter: a test process runs several gateways, each with a meter named
    /// <see cref="GatewayMetrics.MeterName"/>. Counters carry labels from outside and are capped; gauges follow the configuration.
    /// </summary>
    static MetricStreamConfiguration? View(Instrument instrument, IMeterFactory ours) =>
        !ReferenceEquals(instrument.Meter.Scope, ours) ? MetricStreamConfiguration.Drop
        : instrument is Counter<long> ? new MetricStreamConfiguration { CardinalityLimit = GatewayMetrics.MaxSeriesPerCounter }
        : null;

    public static void Map(WebApplication app) =>
        app.MapPrometheusScrapingEndpoint("/metrics", meterProvider: null, branch => branch.Use(AllowedAsync), optionsName: null)
            .AllowAnonymous();

    static async Task AllowedAsync(HttpContext context, RequestDelegate next)
    {
        var http = context.RequestServices.GetRequiredService<HttpOptions>();
        if (!BearerMatches(context.Request, http.MetricsToken))
        {
            var login = await context.AuthenticateAsync();
            if (!login.Succeeded)
            {
                // Not the page's challenge: a scraper must get 401, never a redirect to the login form.
                context.Response.Headers.Append("WWW-Authenticate", "Basic realm=\"frikommune-edge\", charset=\"UTF-8\"");
                context.Response.Headers.Append("WWW-Authenticate", "Bearer realm=\"frikommune-edge metrics\"");
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return;
            }
            if (!login.Principal.IsInRole(Roles.Technician))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return;
            }
        }
        await next(context);
    }

    static bool BearerMatches(HttpRequest request, string? token)
    {
        if (token is not { Length: > 0 }) return false;
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return false;
        // Hashing first makes the comparison's time independent of the lengths as well as the contents.
        return CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(header[7..].Trim())), SHA256.HashData(Encoding.UTF8.GetBytes(token)));
    }
}

using System.Security.Cryptography;
using System.Text;
using Frikommune.Edge.Configuration;
using Frikommune.Edge.Metrics;
using Frikommune.Edge.Users;
using Microsoft.AspNetCore.Authentication;
using Frikommune.Edge.Storage;

namespace Frikommune.Edge.Web;

/// <summary>
/// <c>GET /metrics</c> (CONTRACT § 5): per-room sensor activity is personal data, so only a technician (Basic or the
/// page's cookie) or a scraper with <c>Authorization: Bearer &lt;Http:MetricsToken&gt;</c> may read it. The token is
/// compared in constant time. No login: 401; a staff login: 403.
/// </summary>
static class MetricsEndpoint
{
    public static void Map(WebApplication app) =>
        app.MapGet("/metrics", async (HttpContext context, GatewayMetrics metrics, HttpOptions http) =>
        {
            if (!BearerMatches(context.Request, http.MetricsToken))
            {
                var login = await context.AuthenticateAsync();
                if (!login.Succeeded)
                {
                    // Not the page's challenge: a scraper must get 401, never a redirect to the login form.
                    context.Response.Headers.Append("WWW-Authenticate", "Basic realm=\"frikommune-edge\", charset=\"UTF-8\"");
                    context.Response.Headers.Append("WWW-Authenticate", "Bearer realm=\"frikommune-edge metrics\"");
                    return Results.StatusCode(StatusCodes.Status401Unauthorized);
                }
                if (!login.Principal.IsInRole(Roles.Technician)) return Results.StatusCode(StatusCodes.Status403Forbidden);
            }
            return Results.Text(metrics.Render(), "text/plain; version=0.0.4");
        }).AllowAnonymous();

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

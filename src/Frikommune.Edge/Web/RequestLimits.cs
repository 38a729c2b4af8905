using System.Net;
using System.Text.Json;
using System.Threading.RateLimiting;
using Frikommune.Edge.Configuration;
using Frikommune.Edge.Metrics;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Frikommune.Edge.Web;

/// <summary>
/// What one client may ask of the gateway: ASP.NET Core's rate limiter per source address on <c>/api</c>,
/// <c>/metrics</c>, <c>/logout</c> and the login form (429 with Retry-After; <c>/healthz</c>, <c>/readyz</c> and
/// streams are not limited), a request body bound (<see cref="MaxBodyBytes"/>, 413), route ids bound to the
/// reference syntax (400), and a malformed body answered 400 rather than 500 wherever an endpoint lets it through.
/// </summary>
public static class RequestLimits
{
    public const long MaxBodyBytes = 64 * 1024;
    const long MaxDrainBytes = 32 * 1024 * 1024;
    public const string RejectedMetric = "frikommune_http_rate_limited_total";

    public static IServiceCollection AddRequestLimits(this IServiceCollection services) =>
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "1";
                context.HttpContext.RequestServices.GetRequiredService<GatewayMetrics>()
                    .Counter(RejectedMetric, "HTTP requests refused with 429 by the per-address rate limit").Add(1);
                return ValueTask.CompletedTask;
            };
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(Partition);
        });

    public static void LimitBodies(KestrelServerOptions kestrel) => kestrel.Limits.MaxRequestBodySize = MaxBodyBytes;

    /// <summary>Before authentication, so a refused request costs no password check.</summary>
    public static WebApplication UseRequestLimits(this WebApplication app)
    {
        app.Use(GuardAsync);
        app.UseRateLimiter();
        return app;
    }

    static RateLimitPartition<string> Partition(HttpContext context)
    {
        var request = context.Request;
        var from = Address(context.Connection.RemoteIpAddress);
        var http = context.RequestServices.GetRequiredService<HttpOptions>();
        if (request.Path.Equals("/login") && HttpMethods.IsPost(request.Method))
            return RateLimitPartition.GetFixedWindowLimiter("login " + from, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = http.LoginAttemptsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
            });
        if (request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/metrics") || request.Path.Equals("/logout"))
            return RateLimitPartition.GetTokenBucketLimiter("api " + from, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = http.ApiBurst, TokensPerPeriod = Math.Max(1, http.ApiRequestsPerSecond / 10),
                ReplenishmentPeriod = TimeSpan.FromMilliseconds(100), QueueLimit = 0, AutoReplenishment = true,
            });
        return RateLimitPartition.GetNoLimiter("");
    }

    static string Address(IPAddress? address) =>
        address is null ? "?" : (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();

    static async Task GuardAsync(HttpContext context, RequestDelegate next)
    {
        if (context.Request.ContentLength > MaxBodyBytes)
        {
            await DrainAsync(context);
            context.Response.Headers.Connection = "close";
            await Refuse(context, StatusCodes.Status413PayloadTooLarge, "body-too-large");
            return;
        }
        foreach (var (_, value) in context.Request.RouteValues)
        {
            if (value is string id && !Decisions.References.IsSafe(id))
            {
                await Refuse(context, StatusCodes.Status400BadRequest, "invalid-id");
                return;
            }
        }
        try
        {
            await next(context);
        }
        catch (Microsoft.AspNetCore.Http.BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            await Refuse(context, e.StatusCode, e.StatusCode == StatusCodes.Status413PayloadTooLarge ? "body-too-large" : "malformed");
        }
        catch (JsonException) when (!context.Response.HasStarted)
        {
            await Refuse(context, StatusCodes.Status400BadRequest, "malformed");
        }
    }

    /// <summary>
    /// Reads and drops an over-size body (up to <see cref="MaxDrainBytes"/>, for a few seconds) before the 413, so a
    /// client still uploading hears the answer instead of a reset connection. Nothing of it is kept.
    /// </summary>
    static async Task DrainAsync(HttpContext context)
    {
        if (context.Request.ContentLength > MaxDrainBytes) return;
        var limit = context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>();
        if (limit is { IsReadOnly: false }) limit.MaxRequestBodySize = MaxDrainBytes;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        var buffer = new byte[16 * 1024];
        try { while (await context.Request.Body.ReadAsync(buffer, timeout.Token) > 0) { } }
        catch (Exception e) when (e is OperationCanceledException or IOException or Microsoft.AspNetCore.Http.BadHttpRequestException) { }
    }

    static Task Refuse(HttpContext context, int status, string reason)
    {
        context.Response.Clear();
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new Wire.Refusal(reason), Wire.WireJson.Compact.Refusal);
    }
}

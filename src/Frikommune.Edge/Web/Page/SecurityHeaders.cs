namespace Frikommune.Edge.Web.Page;

/// <summary>
/// Headers on every response, also the 401s and 404s: everything comes from the gateway itself (a care home
/// without internet is normal), nothing may frame it, and nothing but the page's assets is cached.
/// Added as a startup filter so it runs before authentication and any endpoint.
/// </summary>
sealed class SecurityHeaders : IStartupFilter
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; media-src 'self'; style-src 'self'; script-src 'self'; " +
        "connect-src 'self'; font-src 'self'; worker-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'none'; " +
        "form-action 'self'; frame-ancestors 'none'";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XFrameOptions = "DENY";
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                if (!context.Request.Path.StartsWithSegments(PageAssets.Prefix))
                {
                    // Streams, events and personal data must never land in a cache on a shared tablet.
                    headers.CacheControl = "no-store";
                    headers.Pragma = "no-cache";
                }
                return Task.CompletedTask;
            });
            return nextMiddleware(context);
        });
        next(app);
    };
}

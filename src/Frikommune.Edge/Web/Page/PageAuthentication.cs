using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;

namespace Frikommune.Edge.Web.Page;

/// <summary>
/// The page's login cookie next to HTTP Basic: a request with an Authorization header is judged by Basic,
/// any other by the cookie, so every <c>/api</c> endpoint accepts both.
/// </summary>
public static class PageAuthentication
{
    public const string CookieScheme = "PageCookie";
    public const string SelectingScheme = "BasicOrCookie";
    public const string CsrfClaim = "csrf";
    public const string CsrfHeader = "X-CSRF-Token";
    public const string CookieName = "frikommune-session";

    public static IServiceCollection AddPageAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = SelectingScheme;
                o.DefaultChallengeScheme = SelectingScheme;
                o.DefaultForbidScheme = SelectingScheme;
            })
            .AddPolicyScheme(SelectingScheme, "Basic or login cookie", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.Count > 0 ? BasicAuthenticationHandler.SchemeName : CookieScheme)
            .AddCookie(CookieScheme, o =>
            {
                o.Cookie.Name = CookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.LoginPath = "/login";
                o.LogoutPath = "/logout";
                o.Events.OnRedirectToLogin = context => Refuse(context, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = context => Refuse(context, StatusCodes.Status403Forbidden);
            });
        services.AddSingleton<Storage.SessionRows>();
        services.AddSingleton<SessionTicketStore>();
        services.AddOptions<CookieAuthenticationOptions>(CookieScheme)
            .Configure<SessionTicketStore, Configuration.HttpOptions, TimeProvider>((o, store, http, time) => SessionTicketStore.Configure(o, store, http, time))
            .Configure<Configuration.HttpOptions>((o, http) =>
                o.Cookie.SecurePolicy = HttpsSetup.Enabled(http) ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest);
        services.AddSingleton<IAuthorizationHandler, CsrfGuard>();
        return services;
    }

    public static ClaimsPrincipal Principal(string name, string role) => new(new ClaimsIdentity(
    [
        new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, role),
        new Claim(CsrfClaim, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))),
    ], CookieScheme));

    /// <summary>Pages redirect to the login form; the API answers with a status code only (CONTRACT § 5).</summary>
    static Task Refuse(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        var request = context.Request;
        if (!IsApi(request) && status == StatusCodes.Status401Unauthorized)
        {
            context.Response.Redirect(context.RedirectUri);
            return Task.CompletedTask;
        }
        context.Response.StatusCode = status;
        // Scripts on the page say who they are, so the browser does not pop up its own password dialog.
        if (status == StatusCodes.Status401Unauthorized && !request.Headers.ContainsKey(CsrfHeader))
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"frikommune-edge\", charset=\"UTF-8\"";
        return Task.CompletedTask;
    }

    public static bool IsApi(HttpRequest request) =>
        request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/checkins");
}

using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;

namespace Frikommune.Edge.Web.Page;

/// <summary>The login form, logout, and <c>/api/session</c> which tells the page who is logged in and its CSRF token.</summary>
static class LoginEndpoints
{
    public static void Map(WebApplication app, PageAssets assets)
    {
        app.MapGet("/login", (HttpContext context) => assets.Serve(context, "login.html")).AllowAnonymous();
        app.MapPost("/login", LogInAsync).AllowAnonymous();
        app.MapPost("/logout", async (HttpContext context) =>
        {
            await context.SignOutAsync(PageAuthentication.CookieScheme);
            return Results.Redirect("/login?ude=1", preserveMethod: false);
        }).RequireAuthorization(Policies.Staff);
        app.MapGet("/api/session", (ClaimsPrincipal user) => Results.Json(new SessionView(
            user.Identity!.Name, user.FindFirstValue(ClaimTypes.Role), user.FindFirstValue(PageAuthentication.CsrfClaim)))).RequireAuthorization(Policies.Staff);
    }

    static async Task<IResult> LogInAsync(HttpContext context, LoginGate logins)
    {
        if (FromAnotherSite(context.Request)) return Results.StatusCode(StatusCodes.Status403Forbidden);
        if (!context.Request.HasFormContentType) return Results.BadRequest();
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var name = form["name"].ToString().Trim();
        var password = form["password"].ToString();
        var back = SafeReturn(form["returnUrl"].ToString());
        if (name.Length == 0 || password.Length == 0) return Results.Redirect(LoginPage("mangler", back));
        var attempt = await logins.TryAsync(name, password, context.Connection.RemoteIpAddress, "page", context.RequestAborted);
        if (attempt.User is not { } user)
            return Results.Redirect(LoginPage(attempt.Verdict switch
            {
                LoginVerdict.Locked => "laast",
                LoginVerdict.Busy => "travlt",
                _ => "forkert",
            }, back));
        await context.SignInAsync(PageAuthentication.CookieScheme, PageAuthentication.Principal(user.Name, user.Role));
        return Results.Redirect(back);
    }

    /// <summary>
    /// Login CSRF: a form on another site must not log the browser in as someone else. Browsers say where a
    /// request comes from in Sec-Fetch-Site; with Referrer-Policy no-referrer their Origin on a form post is "null".
    /// </summary>
    static bool FromAnotherSite(HttpRequest request)
    {
        if (request.Headers["Sec-Fetch-Site"] is [{ } site]) return site is not ("same-origin" or "none");
        return request.Headers.Origin is [{ } origin] && origin != "null" && origin != $"{request.Scheme}://{request.Host}";
    }

    static string LoginPage(string error, string back) =>
        $"/login?fejl={error}" + (back == "/" ? "" : "&ReturnUrl=" + Uri.EscapeDataString(back));

    /// <summary>
    /// Only a path on this gateway: never an open redirect to another site. Browsers drop tabs and line breaks from
    /// a URL and read a backslash as a slash, so <c>/\t/evil.example</c> or <c>/\\evil.example</c> would leave the site.
    /// </summary>
    internal static string SafeReturn(string url) =>
        url.StartsWith('/') && (url.Length == 1 || url[1] is not ('/' or '\\')) && !url.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c == '\\')
            ? url : "/";
}

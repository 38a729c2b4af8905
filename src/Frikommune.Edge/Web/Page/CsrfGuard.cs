using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authorization;

namespace Frikommune.Edge.Web.Page;

/// <summary>
/// Every state-changing request made with the login cookie must echo the session's token in
/// <see cref="PageAuthentication.CsrfHeader"/>: another site can make the browser send the cookie, but cannot
/// read the token. Requests with HTTP Basic carry their credentials themselves and need no token.
/// Runs with every authorization check, so it covers each endpoint that requires a user.
/// </summary>
sealed class CsrfGuard : IAuthorizationHandler
{
    public Task HandleAsync(AuthorizationHandlerContext context)
    {
        if (context.Resource is HttpContext http && !IsSafe(http.Request.Method) &&
            context.User.Identity is { IsAuthenticated: true, AuthenticationType: PageAuthentication.CookieScheme } &&
            !Matches(context.User.FindFirstValue(PageAuthentication.CsrfClaim), http.Request.Headers[PageAuthentication.CsrfHeader].ToString()))
            context.Fail(new AuthorizationFailureReason(this, "missing or wrong CSRF token"));
        return Task.CompletedTask;
    }

    static bool IsSafe(string method) => HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method);

    static bool Matches(string? expected, string given) =>
        expected is { Length: > 0 } && given.Length > 0 &&
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(given));
}

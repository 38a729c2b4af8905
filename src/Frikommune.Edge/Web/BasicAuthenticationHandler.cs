using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Frikommune.Edge.Web;

/// <summary>
/// HTTP Basic against the local users of <c>users add</c>, through the same <see cref="LoginGate"/> (and so the
/// same lockout) as the login form. When no check could be made because too many run at once, the answer is
/// 503 with Retry-After instead of 401, so a client knows its password was not judged.
/// </summary>
public sealed class BasicAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, LoginGate logins)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Basic";
    const int MaxHeaderLength = 1024;
    static readonly object BusyKey = new();

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var header) ||
            !SchemeName.Equals(header.Scheme, StringComparison.OrdinalIgnoreCase) || header.Parameter is null)
            return AuthenticateResult.NoResult();
        if (header.Parameter.Length > MaxHeaderLength) return AuthenticateResult.Fail("malformed Basic credentials");
        string credentials;
        try { credentials = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Convert.FromBase64String(header.Parameter)); }
        catch (Exception e) when (e is FormatException or DecoderFallbackException) { return AuthenticateResult.Fail("malformed Basic credentials"); }
        var colon = credentials.IndexOf(':');
        if (colon <= 0) return AuthenticateResult.Fail("malformed Basic credentials");
        var attempt = await logins.TryAsync(credentials[..colon], credentials[(colon + 1)..], Context.Connection.RemoteIpAddress, "basic", Context.RequestAborted);
        if (attempt.Verdict == LoginVerdict.Busy) Context.Items[BusyKey] = true;
        if (attempt.User is not { } user) return AuthenticateResult.Fail("wrong user name or password");
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, user.Name), new Claim(ClaimTypes.Role, user.Role)], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Items.ContainsKey(BusyKey))
        {
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            Response.Headers.RetryAfter = "1";
            return Task.CompletedTask;
        }
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Basic realm=\"frikommune-edge\", charset=\"UTF-8\"";
        return Task.CompletedTask;
    }
}

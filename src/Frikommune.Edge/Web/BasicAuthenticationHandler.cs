using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Frikommune.Edge.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Frikommune.Edge.Web;

/// <summary>HTTP Basic against the local users of <c>users add</c>.</summary>
public sealed class BasicAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, UserStore users)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Basic";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var header) ||
            !SchemeName.Equals(header.Scheme, StringComparison.OrdinalIgnoreCase) || header.Parameter is null)
            return Task.FromResult(AuthenticateResult.NoResult());
        string credentials;
        try { credentials = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter)); }
        catch (FormatException) { return Task.FromResult(AuthenticateResult.Fail("malformed Basic credentials")); }
        var colon = credentials.IndexOf(':');
        if (colon <= 0) return Task.FromResult(AuthenticateResult.Fail("malformed Basic credentials"));
        var user = users.Authenticate(credentials[..colon], credentials[(colon + 1)..]);
        if (user is null)
        {
            Logger.LogWarning("Failed HTTP login for user {User} from {Remote}", credentials[..colon], Context.Connection.RemoteIpAddress);
            return Task.FromResult(AuthenticateResult.Fail("wrong user name or password"));
        }
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, user.Name), new Claim(ClaimTypes.Role, user.Role)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Basic realm=\"frikommune-edge\", charset=\"UTF-8\"";
        return Task.CompletedTask;
    }
}

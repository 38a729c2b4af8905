using System.Security.Claims;
using System.Security.Cryptography;
using Frikommune.Edge.Configuration;
using Frikommune.Edge.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Frikommune.Edge.Storage;

namespace Frikommune.Edge.Web.Page;

/// <summary>
/// Server-side sessions for the login cookie: the cookie carries only a random session id (sealed by Data
/// Protection); the ticket lives in SQLite. A session ends on logout, when its user is changed or removed
/// (<see cref="UserStore"/> deletes the rows in the same transaction), after <see cref="HttpOptions.SessionIdleMinutes"/>
/// without an authenticated request (sliding), and <see cref="HttpOptions.SessionMaxHours"/> after login whatever happens.
/// </summary>
public sealed class SessionTicketStore(SessionRows rows, HttpOptions http, TimeProvider time) : ITicketStore
{
    /// <summary>Added in memory to the principal of a session, so a long-lived stream can ask whether it still lives.</summary>
    public const string SessionClaim = "frikommune-session";
    static readonly TimeSpan TouchEvery = TimeSpan.FromSeconds(15);

    TimeSpan Idle => TimeSpan.FromMinutes(http.SessionIdleMinutes);
    TimeSpan Max => TimeSpan.FromHours(http.SessionMaxHours);

    public Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var id = System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var now = time.GetUtcNow();
        rows.DeleteExpired(now - Idle, now - Max);
        rows.Insert(id, ticket.Principal.Identity?.Name ?? "", TicketSerializer.Default.Serialize(ticket), now);
        return Task.FromResult(id);
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        rows.Replace(key, TicketSerializer.Default.Serialize(ticket));
        return Task.CompletedTask;
    }

    public Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        var now = time.GetUtcNow();
        if (Live(key, now) is not { } row) return Task.FromResult<AuthenticationTicket?>(null);
        if (now - row.LastSeen >= TouchEvery) rows.Touch(key, now);
        var ticket = TicketSerializer.Default.Deserialize(row.Ticket);
        (ticket?.Principal.Identity as ClaimsIdentity)?.AddClaim(new Claim(SessionClaim, key));
        return Task.FromResult(ticket);
    }

    public Task RemoveAsync(string key)
    {
        rows.Delete(key);
        return Task.CompletedTask;
    }

    /// <summary>Whether the session still lives, without counting as use (for streams that stay open).</summary>
    public bool IsAlive(string key) => Live(key, time.GetUtcNow()) is not null;

    SessionRow? Live(string key, DateTimeOffset now)
    {
        var row = rows.Find(key);
        if (row is null) return null;
        if (row.CurrentRole is null || now - row.LastSeen >= Idle || now - row.Created >= Max)
        {
            rows.Delete(key);
            return null;
        }
        return row;
    }

    /// <summary>The cookie scheme's options that make it use this store and the gateway's clock.</summary>
    public static void Configure(CookieAuthenticationOptions cookie, SessionTicketStore store, HttpOptions http, TimeProvider time)
    {
        cookie.SessionStore = store;
        cookie.TimeProvider = time;
        cookie.ExpireTimeSpan = TimeSpan.FromHours(http.SessionMaxHours);
        cookie.SlidingExpiration = false; // the idle timeout slides on the server, where logout and user changes can end it
    }
}

using System.Text;
using Frikommune.Edge.Storage;
using Microsoft.AspNetCore.Http.Features;

namespace Frikommune.Edge.Web.Page;

/// <summary>
/// <c>GET /api/events</c>: Server-Sent Events with the whole current picture of <c>alarms</c>, <c>doors</c>
/// and <c>rooms</c>, first at once and then whenever it changes. A comment every 15 seconds keeps proxies and
/// tablets from closing an idle connection.
/// </summary>
static class EventStreamEndpoint
{
    const int TicksPerKeepAlive = 8;

    public static void Map(RouteGroupBuilder api) => api.MapGet("/events", StreamAsync);

    static async Task StreamAsync(HttpContext context, PageEvents events, PagePictures pictures, SessionTicketStore sessions, UserStore users)
    {
        // A stream opened with the login cookie ends with its session (logout, a changed or removed user, timeouts);
        // one opened with Basic auth ends when its user is changed or removed.
        var session = context.User.FindFirst(SessionTicketStore.SessionClaim)?.Value;
        var user = context.User.Identity?.Name ?? "";
        var stamp = session is null ? users.Stamp(user) : null;
        bool StillAllowed() => session is not null ? sessions.IsAlive(session) : stamp is not null && users.Stamp(user) == stamp;
        var stopping = context.RequestAborted;
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        context.Response.ContentType = "text/event-stream; charset=utf-8";
        context.Response.Headers["X-Accel-Buffering"] = "no";
        using var subscription = events.Subscribe();
        var sent = new Dictionary<string, string>();
        var ticks = 0;
        try
        {
            await SendChangedAsync(context.Response, pictures, sent, [PageEvents.Alarms, PageEvents.Doors, "rooms"], stopping);
            while (await subscription.Reader.WaitToReadAsync(stopping))
            {
                var names = new HashSet<string>();
                while (subscription.Reader.TryRead(out var name)) names.Add(name);
                if (names.Remove(PageEvents.Tick))
                {
                    if (!StillAllowed()) return;
                    names.Add("rooms");
                    if (++ticks % TicksPerKeepAlive == 0) await WriteAsync(context.Response, ": keep-alive\n\n", stopping);
                }
                await SendChangedAsync(context.Response, pictures, sent, names, stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested) { }
    }

    static async Task SendChangedAsync(HttpResponse response, PagePictures pictures, Dictionary<string, string> sent,
        IEnumerable<string> names, CancellationToken stopping)
    {
        foreach (var name in names)
        {
            var json = name switch
            {
                PageEvents.Alarms => pictures.Alarms(),
                PageEvents.Doors => pictures.Doors(),
                _ => pictures.Rooms(),
            };
            if (sent.TryGetValue(name, out var last) && last == json) continue;
            sent[name] = json;
            await WriteAsync(response, $"event: {name}\ndata: {json}\n\n", stopping);
        }
    }

    static async Task WriteAsync(HttpResponse response, string text, CancellationToken stopping)
    {
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), stopping);
        await response.Body.FlushAsync(stopping);
    }
}

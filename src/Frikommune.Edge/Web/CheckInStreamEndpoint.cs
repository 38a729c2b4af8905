using Frikommune.Edge.Cameras;
using Frikommune.Edge.CheckIns;

namespace Frikommune.Edge.Web;

/// <summary>
/// <c>GET /checkins/{sessionId}/stream?token=…</c> (CONTRACT § 5): the room's camera as MJPEG, for one granted
/// session, through one connection, never past <c>expiresAt</c>. No login is demanded — the one-time token is the
/// credential, bound to its holder (the same logged-in user, or the requesting device's signature).
/// Unknown or ended session: 410. Wrong token, wrong user or device signature (<see cref="StreamHolder"/>), or a token
/// already used for a stream: 403.
/// The connection is closed when the session expires (a <see cref="TimeProvider"/> timer, so a wall-clock step
/// cannot lengthen it), when the gate ends the session, or when the camera fails.
/// Needs <see cref="ICheckInSessions"/>, <see cref="RoomCameras"/>, <see cref="CheckInViewers"/> and
/// <see cref="TimeProvider"/> in the services.
/// </summary>
public static class CheckInStreamEndpoint
{
    public const string Path = "/checkins/{sessionId}/stream";

    public static IEndpointConventionBuilder Map(IEndpointRouteBuilder app) =>
        app.MapGet(Path, (HttpContext context, string sessionId, string? token, ICheckInSessions sessions, RoomCameras cameras,
                CheckInViewers viewers, TimeProvider time) => Serve(context, sessionId, token, sessions, cameras, viewers, time))
            .AllowAnonymous();

    static async Task Serve(HttpContext context, string sessionId, string? token, ICheckInSessions sessions, RoomCameras cameras,
        CheckInViewers viewers, TimeProvider time)
    {
        NoCache(context.Response);
        var now = time.GetUtcNow();
        var grant = sessions.Find(sessionId);
        if (grant is null || !grant.IsOpen || grant.Ended.IsCancellationRequested || now >= grant.ExpiresAt)
        {
            await Refuse(context, StatusCodes.Status410Gone, "session-ended");
            return;
        }
        if (!StreamToken.Matches(token, grant.TokenHash))
        {
            await Refuse(context, StatusCodes.Status403Forbidden, "wrong-token");
            return;
        }
        if (HolderRefusal(context, grant, token!) is { } wrongHolder)
        {
            await Refuse(context, StatusCodes.Status403Forbidden, wrongHolder);
            return;
        }
        if (!viewers.TryClaim(sessionId, grant.ExpiresAt, now))
        {
            await Refuse(context, StatusCodes.Status403Forbidden, "token-used");
            return;
        }

        var remaining = grant.ExpiresAt - now;
        using var expiry = new CancellationTokenSource(remaining, time);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, grant.Ended, expiry.Token);
        long? firstFrame = null;
        var cause = StreamEndCause.CameraFailed;
        viewers.Opened(grant.Room);
        try
        {
            cause = await Pump(context, cameras.Find(grant.Room), stop.Token, () => firstFrame ??= time.GetTimestamp());
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            cause = expiry.IsCancellationRequested ? StreamEndCause.Expired
                : grant.Ended.IsCancellationRequested ? StreamEndCause.SessionEnded
                : StreamEndCause.ViewerLeft;
        }
        catch (IOException) when (context.RequestAborted.IsCancellationRequested)
        {
            cause = StreamEndCause.ViewerLeft;
        }
        finally
        {
            viewers.Closed(grant.Room);
            sessions.Viewed(sessionId, firstFrame is { } first ? time.GetElapsedTime(first).TotalSeconds : 0, cause);
        }
        await Finish(context, cause, time);
    }

    /// <summary>Copies frames until the camera ends; headers go out with the first frame so a dead camera is a 503.</summary>
    static async Task<StreamEndCause> Pump(HttpContext context, ICamera? camera, CancellationToken stop, Action sentFrame)
    {
        if (camera is null) return StreamEndCause.CameraFailed;
        try
        {
            await foreach (var frame in camera.Frames(stop).WithCancellation(stop))
            {
                if (!context.Response.HasStarted)
                {
                    context.Response.StatusCode = StatusCodes.Status200OK;
                    context.Response.ContentType = MjpegWriter.ContentType;
                    context.Response.Headers.Connection = "close";
                }
                sentFrame();
                await MjpegWriter.WritePartAsync(context.Response.Body, frame, stop);
            }
        }
        catch (CameraUnavailableException)
        {
        }
        catch (HttpRequestException) when (!stop.IsCancellationRequested)
        {
        }
        return StreamEndCause.CameraFailed;
    }

    static async Task Finish(HttpContext context, StreamEndCause cause, TimeProvider time)
    {
        if (!context.Response.HasStarted)
        {
            if (cause == StreamEndCause.CameraFailed)
                await Refuse(context, StatusCodes.Status503ServiceUnavailable, "camera-unavailable");
            else if (cause != StreamEndCause.ViewerLeft)
                await Refuse(context, StatusCodes.Status410Gone, "session-ended");
            return;
        }
        if (cause == StreamEndCause.ViewerLeft) return;
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(1), time);
        try
        {
            await MjpegWriter.WriteClosingAsync(context.Response.Body, grace.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
        }
    }

    /// <summary>CONTRACT § 5: an HTTP grant only for the same logged-in user, an MQTT grant only with the device's <c>sig</c>.</summary>
    static string? HolderRefusal(HttpContext context, StreamGrant grant, string token) => grant.Holder switch
    {
        null => null,
        StreamHolder.User user => context.User.Identity is { IsAuthenticated: true, Name: { } name } && name == user.Name ? null : "wrong-user",
        StreamHolder.Device device => StreamHolder.SignedBy(context.RequestServices.GetService<StaffCommands.DeviceKeys>()?.Find(device.Id),
            token, context.Request.Query["sig"].ToString()) ? null : "wrong-signature",
        _ => "wrong-user",
    };

    static void NoCache(HttpResponse response)
    {
        response.Headers.CacheControl = "no-store, no-cache, must-revalidate, private";
        response.Headers.Pragma = "no-cache";
        response.Headers.XContentTypeOptions = "nosniff";
    }

    static Task Refuse(HttpContext context, int status, string reason)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new Wire.Refusal(reason), Wire.WireJson.Compact.Refusal);
    }
}

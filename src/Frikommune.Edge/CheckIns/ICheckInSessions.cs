using Frikommune.Edge.Cameras;

namespace Frikommune.Edge.CheckIns;

/// <summary>
/// What the stream endpoint needs to know about a check-in session; implemented by whoever runs the gate.
/// The stream never decides whether a look-in is allowed, it only serves one that was granted.
/// </summary>
public interface ICheckInSessions
{
    /// <summary>The session, or null if it is unknown (never granted, or forgotten after a restart).</summary>
    StreamGrant? Find(string sessionId);

    /// <summary>
    /// Called once per stream, after it has closed: how long pictures were sent (first frame to close, monotonic
    /// clock) and why it closed. Also called with 0 when the stream never sent a frame.
    /// </summary>
    void Viewed(string sessionId, double viewedSeconds, StreamEndCause cause);
}

/// <summary>
/// A granted session as the stream sees it. <paramref name="TokenHash"/> is <see cref="StreamToken.Hash"/> of the
/// one-time token; <paramref name="Ended"/> is cancelled the moment the gate ends the session for any reason
/// (revocation, objection, clock, gateway stopping), which closes its stream at once.
/// </summary>
public sealed record StreamGrant(
    string SessionId, string Room, byte[] TokenHash, DateTimeOffset ExpiresAt, bool IsOpen, CancellationToken Ended)
{
    /// <summary>Who may open it besides holding the token; null (test harnesses only) means the token alone.</summary>
    public StreamHolder? Holder { get; init; }
}

public enum StreamEndCause
{
    /// <summary>The stream reached the session's expiresAt.</summary>
    Expired,
    /// <summary><see cref="StreamGrant.Ended"/> was cancelled: the gate ended the session.</summary>
    SessionEnded,
    /// <summary>The viewer disconnected.</summary>
    ViewerLeft,
    /// <summary>The camera could not be reached, broke off or sent garbage.</summary>
    CameraFailed,
}

namespace Frikommune.Edge.CheckIns;

/// <summary>
/// Where the ledger keeps its sessions across restarts (a SQLite table in the gateway). Both calls are
/// synchronous: <see cref="Save"/> must be durable before it returns, because a grant is only handed out after it.
/// </summary>
public interface ICheckInStore
{
    /// <summary>
    /// Every session started at or after <paramref name="since"/> (also those "in the future" after a clock step),
    /// every session still without an end, and for each room the session with the latest end (open: its expiry),
    /// however old: the gap after it may be longer than a day.
    /// </summary>
    IReadOnlyList<CheckInSession> Load(DateTimeOffset since);

    /// <summary>Inserts the session, or replaces the stored one with the same <see cref="CheckInSession.SessionId"/>.</summary>
    void Save(CheckInSession session);
}

namespace Frikommune.Edge.CheckIns;

/// <summary>
/// Where the ledger keeps its sessions across restarts (a SQLite table in the gateway). Both calls are
/// synchronous: <see cref="Save"/> must be durable before it returns, because a grant is only handed out after it.
/// </summary>
public interface ICheckInStore
{
    /// <summary>
    /// Every session that may still matter at <paramref name="since"/>: started at or after it (also those "in the
    /// future" after a clock step), or whose end (<see cref="CheckInSession.LatestEnd"/>) plus its
    /// <see cref="CheckInSession.MinGapSeconds"/> is at or after it, or still without an end.
    /// </summary>
    IReadOnlyList<CheckInSession> Load(DateTimeOffset since);

    /// <summary>Inserts the session, or replaces the stored one with the same <see cref="CheckInSession.SessionId"/>.</summary>
    void Save(CheckInSession session);
}

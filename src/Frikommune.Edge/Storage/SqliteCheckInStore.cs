using Microsoft.Data.Sqlite;
using Frikommune.Edge.CheckIns;

namespace Frikommune.Edge.Storage;

/// <summary>
/// <see cref="ICheckInStore"/> on the gateway's SQLite file. Each save is its own transaction with
/// synchronous=FULL, so it is on disk before the gate hands out the grant it records.
/// </summary>
public sealed class SqliteCheckInStore(Database database) : ICheckInStore
{
    const long TicksPerSecond = TimeSpan.TicksPerSecond;

    public IReadOnlyList<CheckInSession> Load(DateTimeOffset since)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        // The rule of CheckInLedger.Matters: open, or started at/after since, or latest end + gap at/after since.
        command.CommandText = """
            SELECT session_id, room, staff, decision_id, trigger, started_at, expires_at, min_gap_seconds,
                   ended_at, end_reason, viewed_seconds
            FROM checkin_sessions
            WHERE ended_at IS NULL OR started_at >= $since
               OR COALESCE(ended_at, expires_at) + min_gap_seconds * $tps >= $since
            ORDER BY started_at, session_id
            """;
        command.Parameters.AddWithValue("$since", since.UtcTicks);
        command.Parameters.AddWithValue("$tps", TicksPerSecond);
        using var r = command.ExecuteReader();
        var sessions = new List<CheckInSession>();
        while (r.Read())
            sessions.Add(new CheckInSession(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4),
                At(r.GetInt64(5)), At(r.GetInt64(6)), r.GetInt32(7))
            {
                EndedAt = r.IsDBNull(8) ? null : At(r.GetInt64(8)),
                EndReason = r.IsDBNull(9) ? null : CheckInEndReasons.Parse(r.GetString(9)),
                ViewedSeconds = r.IsDBNull(10) ? null : r.GetDouble(10),
            });
        return sessions;
    }

    public void Save(CheckInSession session)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO checkin_sessions(session_id, room, staff, decision_id, trigger, started_at, expires_at,
                min_gap_seconds, ended_at, end_reason, viewed_seconds)
            VALUES($id, $room, $staff, $decision, $trigger, $started, $expires, $gap, $ended, $reason, $viewed)
            ON CONFLICT(session_id) DO UPDATE SET room = $room, staff = $staff, decision_id = $decision,
                trigger = $trigger, started_at = $started, expires_at = $expires, min_gap_seconds = $gap,
                ended_at = $ended, end_reason = $reason, viewed_seconds = $viewed
            """;
        command.Parameters.AddWithValue("$id", session.SessionId);
        command.Parameters.AddWithValue("$room", session.Room);
        command.Parameters.AddWithValue("$staff", session.Staff);
        command.Parameters.AddWithValue("$decision", session.DecisionId);
        command.Parameters.AddWithValue("$trigger", session.Trigger);
        command.Parameters.AddWithValue("$started", session.StartedAt.UtcTicks);
        command.Parameters.AddWithValue("$expires", session.ExpiresAt.UtcTicks);
        command.Parameters.AddWithValue("$gap", session.MinGapSeconds);
        command.Parameters.AddWithValue("$ended", (object?)session.EndedAt?.UtcTicks ?? DBNull.Value);
        command.Parameters.AddWithValue("$reason", (object?)session.EndReason?.Code() ?? DBNull.Value);
        command.Parameters.AddWithValue("$viewed", (object?)session.ViewedSeconds ?? DBNull.Value);
        command.ExecuteNonQuery();
    }

    static DateTimeOffset At(long utcTicks) => new(utcTicks, TimeSpan.Zero);
}

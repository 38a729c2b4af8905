using System.Diagnostics;
using Frikommune.Edge.Storage;

namespace Frikommune.Edge.Benchmarks.Alarms;

/// <summary>
/// The floor the durable-before-publish rule puts under an alarm: one small SQLite transaction committed with the
/// gateway's own pragmas (WAL, synchronous=FULL, through <see cref="Database"/>) in the folder where the gateway keeps
/// its database, so on the same disk, before the gateway opens it. Reported beside the broker's round trip: the part of the alarm latency that is fsync.
/// </summary>
static class CommitFloor
{
    public sealed record Result(int Samples, double P50, double P99);

    public static Result Measure(string folder, int samples)
    {
        var file = Path.Combine(folder, $"commit-floor-{Guid.NewGuid():N}.db");
        try
        {
            using (var connection = new Database(file).Open())
            {
                Execute(connection, "CREATE TABLE floor (id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
                var times = new List<double>(samples);
                for (var i = 0; i < samples + 5; i++)
                {
                    var t0 = Stopwatch.GetTimestamp();
                    using (var tx = connection.BeginTransaction())
                    {
                        using var insert = connection.CreateCommand();
                        insert.Transaction = tx;
                        insert.CommandText = "INSERT INTO floor (body) VALUES ($b)";
                        insert.Parameters.AddWithValue("$b", "{\"kind\":\"seizure\",\"state\":\"raised\"}");
                        insert.ExecuteNonQuery();
                        tx.Commit();
                    }
                    if (i >= 5) times.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds); // the first few warm the file up
                }
                times.Sort();
                return new Result(times.Count, At(times, 50), At(times, 99));
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var f in new[] { file, file + "-wal", file + "-shm" }) File.Delete(f);
        }
    }

    static double At(List<double> sorted, int percentile) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1)];

    static void Execute(Microsoft.Data.Sqlite.SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}

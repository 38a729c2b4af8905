using Frikommune.Edge.Storage;
using Frikommune.Edge.Tests.Support;

namespace Frikommune.Edge.Tests.Storage;

public sealed class DatabaseTests : IDisposable
{
    readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Every_connection_is_durable_with_a_bounded_page_cache()
    {
        var database = new Database(_dir.File("gateway.db"));
        // Twice: a pooled connection handed out again keeps the same settings.
        for (var i = 0; i < 2; i++)
        {
            using var connection = database.Open();
            Assert.Equal((long)-Database.PageCacheKiB, Scalar(connection, "PRAGMA cache_size"));  // KiB, below SQLite's default 2,000
            Assert.Equal(2L, Scalar(connection, "PRAGMA synchronous"));  // FULL
            Assert.Equal("wal", Scalar(connection, "PRAGMA journal_mode"));
        }
    }

    static object? Scalar(Microsoft.Data.Sqlite.SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}

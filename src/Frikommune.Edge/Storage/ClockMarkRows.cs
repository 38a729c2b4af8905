using System.Globalization;
using Frikommune.Edge.Clock;

namespace Frikommune.Edge.Storage;

/// <summary>The clock's high-water mark in its one-row table (see <see cref="ClockSchema"/>).</summary>
public sealed class ClockMarkRows(Database database) : IClockMark
{
    public DateTimeOffset? Load()
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT high_water FROM clock_mark WHERE id = 1";
        return command.ExecuteScalar() is string s
            ? DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)
            : null;
    }

    public void Save(DateTimeOffset mark)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO clock_mark(id, high_water) VALUES(1, $t) ON CONFLICT(id) DO UPDATE SET high_water = max(high_water, $t)";
        command.Parameters.AddWithValue("$t", mark.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        command.ExecuteNonQuery();
    }
}

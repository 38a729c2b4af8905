using Frikommune.Edge.Audit;
using Frikommune.Edge.Clock;
using Frikommune.Edge.Users;
using Frikommune.Edge.Storage;

namespace Frikommune.Edge.Hosting;

/// <summary>The database file with every capability's tables migrated; shared by `run` and the CLI commands.</summary>
public sealed class GatewayStorage
{
    /// <summary>Every capability's tables. A new capability adds its schema here.</summary>
    public static IReadOnlyList<ISchema> Schemas { get; } =
    [
        new AuditSchema(),
        new ClockSchema(),
        new UsersSchema(),
        new Storage.AlarmSchema(),
        new Storage.DecisionSchema(),
        new Mqtt.MqttSchema(),
        new Storage.CheckInSchema(),
        new Storage.ObjectionSchema(),
    ];

    public GatewayStorage(GatewayPaths paths, TimeProvider time) : this(OpenDatabase(paths), time) { }

    GatewayStorage(Database database, TimeProvider time)
    {
        Database = database;
        Time = time;
        Users = new UserStore(database, time);
    }

    public Database Database { get; }
    public TimeProvider Time { get; }
    public UserStore Users { get; }

    /// <summary>For tests and tools outside the container: the storage the configuration in <paramref name="settings"/> points at.</summary>
    public static GatewayStorage Open(GatewaySettings settings, TimeProvider? time = null)
    {
        using var services = GatewayComposition.ForCommand(settings);
        return new GatewayStorage(services.GetRequiredService<GatewayPaths>(), time ?? TimeProvider.System);
    }

    static Database OpenDatabase(GatewayPaths paths)
    {
        var database = new Database(paths.DatabaseFile);
        database.Migrate(Schemas);
        return database;
    }

    public SqliteAuditTrail OpenAuditTrail() => new(Database, Time);
}

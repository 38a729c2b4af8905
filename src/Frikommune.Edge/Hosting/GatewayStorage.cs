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

    GatewayStorage(Database database, TimeProvider time)
    {
        Database = database;
        Time = time;
        Users = new UserStore(database, time);
    }

    public Database Database { get; }
    public TimeProvider Time { get; }
    public UserStore Users { get; }

    public static GatewayStorage Open(GatewaySettings settings, TimeProvider? time = null)
    {
        var database = new Database(settings.Paths.DatabaseFile);
        database.Migrate(Schemas);
        return new GatewayStorage(database, time ?? TimeProvider.System);
    }

    public SqliteAuditTrail OpenAuditTrail() => new(Database, Time);
}

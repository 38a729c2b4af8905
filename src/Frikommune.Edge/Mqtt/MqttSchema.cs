using Frikommune.Edge.Storage;

namespace Frikommune.Edge.Mqtt;

public sealed class MqttSchema : ISchema
{
    public string Name => "mqtt";

    public IReadOnlyList<string> Migrations { get; } =
    [
        // How far the audit trail has been shipped upstream on P/audit, so a restart resumes there.
        "CREATE TABLE mqtt_audit_shipped (id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL);",
    ];
}

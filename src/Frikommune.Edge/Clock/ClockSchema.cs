using Frikommune.Edge.Storage;

namespace Frikommune.Edge.Clock;

public sealed class ClockSchema : ISchema
{
    public string Name => "clock";
    public IReadOnlyList<string> Migrations { get; } =
        ["CREATE TABLE clock_mark (id INTEGER PRIMARY KEY CHECK (id = 1), high_water TEXT NOT NULL);"];
}

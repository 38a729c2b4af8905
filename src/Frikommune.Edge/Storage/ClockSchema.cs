
using Frikommune.Edge.Clock;

namespace Frikommune.Edge.Storage;

public sealed class ClockSchema : ISchema
{
    public string Name => "clock";
    public IReadOnlyList<string> Migrations { get; } =
        ["CREATE TABLE clock_mark (id INTEGER PRIMARY KEY CHECK (id = 1), high_water TEXT NOT NULL);"];
}

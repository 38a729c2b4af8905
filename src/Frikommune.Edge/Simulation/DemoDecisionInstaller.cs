using Frikommune.Edge.Configuration;
using Frikommune.Edge.Decisions;

namespace Frikommune.Edge.Simulation;

/// <summary>Signs and imports the demo decisions for the configured site, rooms and doors.</summary>
public sealed class DemoDecisionInstaller(GatewayOptions options) : IDemoDecisions
{
    public Task<IReadOnlyList<ImportVerdict>> InstallAsync(DecisionBook book, CancellationToken cancellationToken)
    {
        var demo = DemoDecisions.Create(options.Site.Id, options.Rooms.Select(DemoRoom.From), options.Doors.Select(d => d.Id), book.Time.GetUtcNow());
        return DemoDecisions.InstallAsync(demo, book.Keys, book.Store, book.Importer, cancellationToken);
    }
}

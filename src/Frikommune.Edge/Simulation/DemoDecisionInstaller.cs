using Frikommune.Edge.Configuration;
using Frikommune.Edge.Decisions;

namespace Frikommune.Edge.Simulation;

/// <summary>Signs and imports the demo decisions for the configured site, rooms and doors.</summary>
public sealed class DemoDecisionInstaller(SiteOptions site, RoomList rooms, DoorList doors) : IDemoDecisions
{
    public Task<IReadOnlyList<ImportVerdict>> InstallAsync(DecisionBook book, CancellationToken cancellationToken)
    {
        var demo = DemoDecisions.Create(site.Id, rooms.Select(DemoRoom.From), doors.Select(d => d.Id), book.Time.GetUtcNow());
        return DemoDecisions.InstallAsync(demo, book.Keys, book.Store, book.Importer, cancellationToken);
    }
}

namespace Frikommune.Edge.Decisions;

/// <summary>
/// <c>run --simulate</c> with <c>Simulation:DemoDecisions</c>: decisions for the configured rooms and doors, signed by a
/// key this process alone trusts, so a technician can try every measure without a municipality's key.
/// </summary>
public interface IDemoDecisions
{
    Task<IReadOnlyList<ImportVerdict>> InstallAsync(DecisionBook book, CancellationToken cancellationToken);
}

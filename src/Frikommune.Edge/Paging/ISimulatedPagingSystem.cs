namespace Frikommune.Edge.Paging;

/// <summary>
/// A paging system inside the gateway (<c>--simulate</c>): it answers as a real one would, on the far end of an
/// in-memory line, so receivers marked <c>Simulated</c> can be tried without hardware.
/// </summary>
public interface ISimulatedPagingSystem
{
    Task ServeAsync(Stream line, CancellationToken stopping);
}

using Frikommune.Edge.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Frikommune.Edge.Decisions;

/// <summary>
/// The decision parts as the container put them together (<see cref="DecisionsSetup"/>), for the running gateway
/// and the CLI alike, and what is done with them as a whole: fill the registry from the cache, notice tokens another
/// process stored, and sign the <c>--simulate</c> demo decisions.
/// </summary>
public sealed class DecisionBook(TrustedKeys keys, TokenVerifier verifier, IDecisionStore store, DecisionRegistry registry,
    DecisionImporter importer, ExpiryAuditor expiries, TimeProvider time, SimulationOptions simulation, ILogger<DecisionBook> log,
    IDemoDecisions? demo = null)
{
    public TimeProvider Time { get; } = time;
    public TrustedKeys Keys { get; } = keys;
    public TokenVerifier Verifier { get; } = verifier;
    public IDecisionStore Store { get; } = store;
    public DecisionRegistry Registry { get; } = registry;
    public DecisionImporter Importer { get; } = importer;
    public ExpiryAuditor Expiries { get; } = expiries;

    /// <summary><c>Simulation:DemoDecisions</c>: wanted, and honoured only under <c>--simulate</c>.</summary>
    public bool WantsDemoDecisions => simulation.DemoDecisions;

    /// <summary>(Re)fills the registry from the cache, re-verifying every token against the keys trusted now.</summary>
    public IReadOnlyList<SkippedToken> Load() => CachedDecisions.LoadInto(Registry, Store, Verifier, log);

    /// <summary><c>run --simulate</c> with <c>Simulation:DemoDecisions</c>: demo decisions under a key trusted by this process only.</summary>
    public async Task InstallDemoDecisionsAsync(CancellationToken cancellationToken)
    {
        if (demo is null) return;
        var verdicts = await demo.InstallAsync(this, cancellationToken);
        log.LogInformation("Simulation: {Count} demo decisions signed with a key trusted only by this run", verdicts.Count(v => v.IsAccepted));
    }

    /// <summary>A cheap fingerprint of the cache, to notice tokens another process (the CLI) stored.</summary>
    public string CacheFingerprint() => Store.Fingerprint();
}

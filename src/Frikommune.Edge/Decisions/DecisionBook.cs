using Frikommune.Edge.Audit;
using Frikommune.Edge.Clock;
using Frikommune.Edge.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Frikommune.Edge.Storage;
using Frikommune.Edge.Simulation;

namespace Frikommune.Edge.Decisions;

/// <summary>
/// The decision parts put together once, for the running gateway and the CLI alike: trusted keys, verifier,
/// cache, the in-force registry and the importer.
/// </summary>
public sealed class DecisionBook : IDisposable
{
    readonly ILogger _log;

    public DecisionBook(GatewaySettings settings, Storage.Database database, IClockTrust clock, IAuditTrail audit,
        TimeProvider time, ILoggerFactory? logs = null)
    {
        logs ??= NullLoggerFactory.Instance;
        _log = logs.CreateLogger<DecisionBook>();
        Settings = settings;
        Time = time;
        Keys = new TrustedKeys(settings.Paths.TrustedKeysDirectory);
        Verifier = new TokenVerifier(Keys.Find, settings.Options.Site.Id, settings.Options.Decisions.MaxPeriodDays, Keys.ScopeOf);
        Store = new DecisionStore(database);
        Registry = new DecisionRegistry(clock);
        var doorKinds = settings.Options.Doors.GroupBy(d => d.Id).ToDictionary(g => g.Key, g => g.First().Kind, StringComparer.Ordinal);
        Importer = new DecisionImporter(Verifier, Store, Registry, audit, time, logs.CreateLogger<DecisionImporter>(), doorKinds.GetValueOrDefault);
        Expiries = new ExpiryAuditor(Registry, Store, audit);
    }

    public GatewaySettings Settings { get; }
    public TimeProvider Time { get; }
    public TrustedKeys Keys { get; }
    public TokenVerifier Verifier { get; }
    public DecisionStore Store { get; }
    public DecisionRegistry Registry { get; }
    public DecisionImporter Importer { get; }
    public ExpiryAuditor Expiries { get; }

    /// <summary>(Re)fills the registry from the cache, re-verifying every token against the keys trusted now.</summary>
    public IReadOnlyList<SkippedToken> Load() => CachedDecisions.LoadInto(Registry, Store, Verifier, _log);

    /// <summary><c>run --simulate</c> with <c>Simulation:DemoDecisions</c>: demo decisions under a key trusted by this process only.</summary>
    public async Task InstallDemoDecisionsAsync(CancellationToken cancellationToken)
    {
        var o = Settings.Options;
        var demo = DemoDecisions.Create(o.Site.Id, o.Rooms.Select(DemoRoom.From), o.Doors.Select(d => d.Id), Time.GetUtcNow());
        var verdicts = await DemoDecisions.InstallAsync(demo, Keys, Store, Importer, cancellationToken);
        _log.LogInformation("Simulation: {Count} demo decisions signed with a key trusted only by this run", verdicts.Count(v => v.IsAccepted));
    }

    /// <summary>A cheap fingerprint of the cache, to notice tokens another process (the CLI) stored.</summary>
    public string CacheFingerprint()
    {
        using var connection = Store.Database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT (SELECT count(*) || ':' || ifnull(max(imported_at), 0) FROM decisions) || '/' ||
                   (SELECT count(*) || ':' || ifnull(max(imported_at), 0) FROM revocations)
            """;
        return (string)command.ExecuteScalar()!;
    }

    public void Dispose() => Keys.Dispose();
}

using Frikommune.Edge.Configuration;
using Frikommune.Edge.Clock;
using Microsoft.Extensions.DependencyInjection;
using Frikommune.Edge.Decisions;
using Frikommune.Edge.Storage;

namespace Frikommune.Edge.Hosting;

public static class DecisionsSetup
{
    /// <summary>Trusted keys, verifier, cache, the in-force registry, the importer and the timeline of nbf/exp instants.</summary>
    public static IServiceCollection AddDecisions(this IServiceCollection services)
    {
        services.AddSingleton(sp => new TrustedKeys(sp.GetRequiredService<Storage.GatewayPaths>().TrustedKeysDirectory));
        services.AddSingleton(sp =>
        {
            var keys = sp.GetRequiredService<TrustedKeys>();
            return new TokenVerifier(keys.Find, sp.GetRequiredService<SiteOptions>().Id, sp.GetRequiredService<DecisionsOptions>().MaxPeriodDays, keys.ScopeOf);
        });
        services.AddSingleton<DecisionStore>();
        services.AddAlias<IDecisionStore, DecisionStore>();
        services.AddSingleton<IDemoDecisions, Simulation.DemoDecisionInstaller>();
        services.AddSingleton<DecisionRegistry>();
        services.AddSingleton(sp =>
        {
            // A § 14b decision may only put a special door opener on a unit door (CONTRACT § 2).
            var doorKinds = sp.GetRequiredService<DoorList>().GroupBy(d => d.Id).ToDictionary(g => g.Key, g => g.First().Kind, StringComparer.Ordinal);
            return ActivatorUtilities.CreateInstance<DecisionImporter>(sp, (Func<string, string?>)doorKinds.GetValueOrDefault);
        });
        services.AddSingleton<ExpiryAuditor>();
        services.AddSingleton<DecisionBook>();
        services.AddSingleton<DecisionTimeline>();
        services.RunAsHostedService<DecisionTimeline>();
        return services;
    }
}

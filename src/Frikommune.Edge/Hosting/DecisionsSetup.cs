using Frikommune.Edge.Audit;
using Frikommune.Edge.Clock;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Frikommune.Edge.Decisions;

namespace Frikommune.Edge.Hosting;

public static class DecisionsSetup
{
    public static IServiceCollection AddDecisions(this IServiceCollection services)
    {
        services.AddSingleton(sp => new DecisionBook(sp.GetRequiredService<GatewaySettings>(), sp.GetRequiredService<Storage.Database>(),
            sp.GetRequiredService<IClockTrust>(), sp.GetRequiredService<IAuditTrail>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton(sp => sp.GetRequiredService<DecisionBook>().Registry);
        services.AddSingleton(sp => sp.GetRequiredService<DecisionBook>().Importer);
        services.AddSingleton(sp => new DecisionTimeline(sp.GetRequiredService<DecisionBook>(),
            sp.GetRequiredService<GatewaySettings>().Simulate, sp.GetRequiredService<ILogger<DecisionTimeline>>()));
        services.AddHostedService(sp => sp.GetRequiredService<DecisionTimeline>());
        return services;
    }
}

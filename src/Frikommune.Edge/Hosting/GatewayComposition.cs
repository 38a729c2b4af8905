using Frikommune.Edge.Alarms;
using Frikommune.Edge.Audit;
using Frikommune.Edge.CheckIns;
using Frikommune.Edge.Clock;
using Frikommune.Edge.Configuration;
using Frikommune.Edge.Decisions;
using Frikommune.Edge.Doors;
using Frikommune.Edge.Mqtt;
using Frikommune.Edge.Notify;
using Frikommune.Edge.Sensors;
using Frikommune.Edge.Storage;
using Frikommune.Edge.Web;
using Frikommune.Edge.Health;

namespace Frikommune.Edge.Hosting;

/// <summary>
/// The one composition of the gateway: options, storage and one <c>Add…</c> per capability. <c>run</c> puts it in a
/// web host; every CLI command resolves what it needs from the same registrations in a plain container.
/// </summary>
public static class GatewayComposition
{
    public static IServiceCollection AddGateway(this IServiceCollection services, GatewayRun run, TimeProvider time)
    {
        services.AddSingleton(time);
        services.AddGatewayOptions(run);
        services.AddGatewayStorage();
        services.AddClockTrust();
        services.AddDecisions();
        services.AddWeb();
        services.AddSystemdWatchdog();
        services.AddMqtt(run);
        services.AddMeasures();
        services.AddHostedService<DecisionTopics>();
        services.AddHostedService<DecisionTimelineWatch>();
        services.AddAlarms();
        services.AddHostedService<AlarmTopics>();
        services.AddSensors();
        services.AddDoors();
        services.AddCheckIns();
        services.AddNotify();
        return services;
    }

    /// <summary>
    /// For a CLI command: the gateway's services, started by nobody; the command resolves what it uses. Dispose it (async).
    /// <paramref name="replace"/> lets a test put its own part in the place of one (a later registration wins).
    /// </summary>
    public static ServiceProvider ForCommand(GatewaySettings settings, TimeProvider? time = null, Action<IServiceCollection>? replace = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton(settings.Configuration);
        services.AddLogging();
        services.AddGateway(settings.Run, time ?? TimeProvider.System);
        replace?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    static IServiceCollection AddGatewayStorage(this IServiceCollection services)
    {
        services.AddSingleton<GatewayStorage>();
        services.AddSingleton(sp => sp.GetRequiredService<GatewayStorage>().Database);
        services.AddSingleton(sp => sp.GetRequiredService<GatewayStorage>().Users);
        services.AddSingleton<SqliteAuditTrail>();
        services.AddAlias<IAuditTrail, SqliteAuditTrail>();
        services.AddSingleton<AuditReader>();
        services.AddHostedService<GatewayLifecycle>();
        return services;
    }

    static IServiceCollection AddClockTrust(this IServiceCollection services)
    {
        services.AddSingleton<IClockMark, Storage.ClockMarkRows>();
        services.AddSingleton<ClockTrustMonitor>();
        services.AddAlias<IClockTrust, ClockTrustMonitor>();
        return services;
    }

    /// <summary>The one answer to "is this measure in force for this resident here now": decisions, then objections.</summary>
    static IServiceCollection AddMeasures(this IServiceCollection services) =>
        services.AddSingleton(sp => new MeasureAuthority(sp.GetRequiredService<DecisionRegistry>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<Objections.ObjectionBook>().HasObjection)).AddAlias<IMeasureGate, MeasureAuthority>();
}

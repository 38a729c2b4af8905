using Frikommune.Edge.Alarms;
using Frikommune.Edge.Audit;
using Frikommune.Edge.Cameras;
using Frikommune.Edge.Clock;
using Frikommune.Edge.Configuration;
using Frikommune.Edge.Decisions;
using Frikommune.Edge.Objections;
using Microsoft.Extensions.DependencyInjection;
using Frikommune.Edge.CheckIns;
using Frikommune.Edge.Gpio;
using Frikommune.Edge.Mqtt;
using Frikommune.Edge.Storage;

namespace Frikommune.Edge.Hosting;

public static class CheckInsSetup
{
    /// <summary>Objections, cameras, the check-in gate with its durable ledger, and the sessions that serve streams.</summary>
    public static IServiceCollection AddCheckIns(this IServiceCollection services)
    {
        services.AddSingleton<IObjectionStore, SqliteObjectionStore>();
        services.AddSingleton(sp =>
        {
            var (decisions, time) = (sp.GetRequiredService<DecisionRegistry>(), sp.GetRequiredService<TimeProvider>());
            return ObjectionBook.Load(sp.GetRequiredService<IObjectionStore>(), resident => ObjectionReach.Of(decisions, resident, time.GetUtcNow()));
        });
        services.AddSingleton(sp => CameraFactory.ForRooms(sp.GetRequiredService<RoomList>(),
            new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(3) }) { Timeout = Timeout.InfiniteTimeSpan },
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<CheckInViewers>();
        services.AddSingleton<CameraIndicators>();
        services.AddAlias<ICameraIndicators, CameraIndicators>();
        services.AddSingleton<ICheckInFacts, CheckInFactsReader>();
        services.AddSingleton<ICheckInStore, SqliteCheckInStore>();
        services.AddSingleton(sp => CheckInLedger.Load(sp.GetRequiredService<ICheckInStore>(), sp.GetRequiredService<TimeProvider>().GetUtcNow()));
        services.AddSingleton<CheckInGate>();
        services.AddSingleton<CheckInService>();
        services.AddAlias<ICheckInSessions, CheckInService>();
        services.RunAsHostedService<CheckInService>();
        services.AddHostedService<CheckInTopics>();
        return services;
    }
}

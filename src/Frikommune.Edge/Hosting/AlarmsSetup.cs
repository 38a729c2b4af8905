using Frikommune.Edge.Audit;
using Frikommune.Edge.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Frikommune.Edge.Alarms;
using Frikommune.Edge.Storage;
using Frikommune.Edge.Mqtt;

namespace Frikommune.Edge.Hosting;

public static class AlarmsSetup
{
    public static IServiceCollection AddAlarms(this IServiceCollection services)
    {
        services.AddSingleton(sp =>
        {
            var outbox = new SqliteAlarmOutbox(sp.GetRequiredService<Storage.Database>(), sp.GetRequiredService<SqliteAuditTrail>(),
                sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<SqliteAlarmOutbox>>());
            foreach (var observer in sp.GetServices<IAlarmObserver>()) outbox.Subscribe(observer);
            return outbox;
        });
        services.AddAlias<IAlarmOutbox, SqliteAlarmOutbox>();
        services.AddSingleton(sp =>
        {
            var outbox = sp.GetRequiredService<SqliteAlarmOutbox>();
            var desk = new AlarmDesk(sp.GetRequiredService<SiteOptions>().Id, sp.GetRequiredService<AlarmsOptions>(), outbox, sp.GetRequiredService<TimeProvider>());
            desk.Restore(outbox.LoadOpen());
            return desk;
        });
        services.AddHostedService<AlarmPublisher>();
        return services;
    }
}

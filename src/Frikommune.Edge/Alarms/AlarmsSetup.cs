using Frikommune.Edge.Audit;
using Frikommune.Edge.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Frikommune.Edge.Alarms;

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
        services.AddSingleton<IAlarmOutbox>(sp => sp.GetRequiredService<SqliteAlarmOutbox>());
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<GatewayOptions>();
            var outbox = sp.GetRequiredService<SqliteAlarmOutbox>();
            var desk = new AlarmDesk(o.Site.Id, o.Alarms, outbox, sp.GetRequiredService<TimeProvider>());
            desk.Restore(outbox.LoadOpen());
            return desk;
        });
        services.AddHostedService<AlarmPublisher>();
        return services;
    }
}

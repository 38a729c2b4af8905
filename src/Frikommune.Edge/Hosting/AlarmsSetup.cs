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
            var outbox = ActivatorUtilities.CreateInstance<SqliteAlarmOutbox>(sp);
            foreach (var observer in sp.GetServices<IAlarmObserver>()) outbox.Subscribe(observer);
            return outbox;
        });
        services.AddAlias<IAlarmOutbox, SqliteAlarmOutbox>();
        // The desk takes the site id (a plain value); the rest comes from the container. Open alarms survive a restart.
        services.AddSingleton(sp =>
        {
            var desk = ActivatorUtilities.CreateInstance<AlarmDesk>(sp, sp.GetRequiredService<SiteOptions>().Id);
            desk.Restore(sp.GetRequiredService<SqliteAlarmOutbox>().LoadOpen());
            return desk;
        });
        services.AddHostedService<AlarmPublisher>();
        return services;
    }
}

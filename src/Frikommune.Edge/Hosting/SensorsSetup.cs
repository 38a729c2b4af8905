using Frikommune.Edge.Alarms;
using Frikommune.Edge.Configuration;
using Frikommune.Edge.Decisions;
using Microsoft.Extensions.DependencyInjection;
using Frikommune.Edge.Sensors;
using Frikommune.Edge.Mqtt;

namespace Frikommune.Edge.Hosting;

public static class SensorsSetup
{
    /// <summary>Sensor intake gated by the measure authority, feeding the alarm rules.</summary>
    public static IServiceCollection AddSensors(this IServiceCollection services)
    {
        services.AddSingleton(sp => SensorBinding.From(sp.GetRequiredService<RoomList>()));
        services.AddSingleton(sp => new SensorAlarmRules(sp.GetRequiredService<IReadOnlyList<SensorBinding>>(), NightWindow.For(sp.GetRequiredService<SiteOptions>()),
            sp.GetRequiredService<AlarmsOptions>(), sp.GetRequiredService<AlarmDesk>(), sp.GetRequiredService<MeasureAuthority>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new SensorIntake(sp.GetRequiredService<IReadOnlyList<SensorBinding>>(),
            sp.GetRequiredService<MeasureAuthority>(), sp.GetRequiredService<SensorAlarmRules>()));
        services.AddSingleton<SensorListener>();
        services.RunAsHostedService<SensorListener>();
        return services;
    }
}

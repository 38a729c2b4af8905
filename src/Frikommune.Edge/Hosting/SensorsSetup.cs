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
        services.AddSingleton(sp => NightWindow.For(sp.GetRequiredService<SiteOptions>()));
        services.AddSingleton(sp => WithSensors<SensorAlarmRules>(sp));
        services.AddAlias<ISensorObserver, SensorAlarmRules>();
        services.AddSingleton(sp => WithSensors<SensorIntake>(sp));
        services.AddSingleton<SensorListener>();
        services.RunAsHostedService<SensorListener>();
        return services;
    }

    // The site's sensors are a list the container cannot inject as IEnumerable<SensorBinding> (it would mean "every
    // registered SensorBinding", i.e. none); they are handed over, every other parameter is resolved.
    static T WithSensors<T>(IServiceProvider sp) =>
        ActivatorUtilities.CreateInstance<T>(sp, sp.GetRequiredService<IReadOnlyList<SensorBinding>>());
}

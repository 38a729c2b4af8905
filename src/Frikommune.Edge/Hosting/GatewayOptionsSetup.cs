using Frikommune.Edge.Configuration;
using Frikommune.Edge.Storage;
using Microsoft.Extensions.Options;
using static Frikommune.Edge.Hosting.SectionChecks;

namespace Frikommune.Edge.Hosting;

/// <summary>A configuration section and the options type it is bound to; the known keys are read from these types.</summary>
public sealed record BoundSection(string Name, Type Type);

public static class GatewayOptionsSetup
{
    /// <summary>
    /// One options type per section, bound once and validated at start, in the order <c>config validate</c> prints
    /// them. Components take <c>IOptions&lt;T&gt;</c> or the section itself; never the loader.
    /// </summary>
    public static IServiceCollection AddGatewayOptions(this IServiceCollection services, GatewayRun run)
    {
        services.AddSingleton(run);
        services.Section<SiteOptions>("Site", _ => ConfigurationValidator.SiteProblems);
        services.Section<MqttOptions>("Mqtt", _ => o => MqttWithFiles(o, run));
        services.Section<HttpOptions>("Http", _ => o => HttpWithFiles(o, run));
        services.Section<StorageOptions>("Storage", _ => ConfigurationValidator.StorageProblems);
        services.Section<DecisionsOptions>("Decisions", _ => ConfigurationValidator.DecisionsProblems);
        services.Section<ClockOptions>("Clock", _ => ConfigurationValidator.ClockProblems);
        services.Section<GpioOptions>("Gpio", _ => ConfigurationValidator.GpioProblems);
        services.Section<DoorList>("Doors", _ => ConfigurationValidator.DoorsProblems);
        services.Section<RoomList>("Rooms", sp => rooms => ConfigurationValidator.RoomsProblems(rooms, ValidOrNull(sp.GetRequiredService<IOptions<DoorList>>())));
        services.Section<NotifyOptions>("Notify", sp => notify => ConfigurationValidator.NotifyProblems(notify,
            ValidOrNull(sp.GetRequiredService<IOptions<RoomList>>()), ValidOrNull(sp.GetRequiredService<IOptions<DoorList>>())));
        services.Section<AlarmsOptions>("Alarms", _ => ConfigurationValidator.AlarmsProblems);
        services.Section<CheckInsOptions>("CheckIns", _ => ConfigurationValidator.CheckInsProblems);
        services.Section<SimulationOptions>("Simulation", _ => _ => []);
        services.AddSingleton<GatewayOptions>();
        services.AddSingleton(sp => GatewayPaths.From(run, sp.GetRequiredService<StorageOptions>(), sp.GetRequiredService<DecisionsOptions>()));
        return services;
    }

    static void Section<T>(this IServiceCollection services, string name, Func<IServiceProvider, Func<T, IEnumerable<string>>> checks) where T : class
    {
        services.AddOptions<T>().BindConfiguration(name).ValidateOnStart();
        services.AddSingleton<IValidateOptions<T>>(sp => new SectionValidation<T>(checks(sp)));
        // Most components take the section itself (a plain record of settings), not IOptions<T>.
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<T>>().Value);
        services.AddSingleton(new BoundSection(name, typeof(T)));
    }
}

using Frikommune.Edge.Alarms;
using Frikommune.Edge.Audit;
using Frikommune.Edge.Configuration;
using Frikommune.Edge.Hosting;
using Frikommune.Edge.Metrics;
using Frikommune.Edge.Paging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Frikommune.Edge.Notify;

public static class NotifySetup
{
    /// <summary>
    /// Receivers, their ESPA lines and the delivery tracking. Subscribed to <see cref="SqliteAlarmOutbox"/> as an
    /// <see cref="IAlarmObserver"/>: every alarm change once it is durable goes to <see cref="AlarmNotifier.OnDurable"/>.
    /// </summary>
    public static IServiceCollection AddNotify(this IServiceCollection services, GatewaySettings settings)
    {
        services.AddSingleton<DeliveryBook>();
        var active = InService(settings);
        services.AddSingleton(sp => new PagingLines(active, settings.Simulate,
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton<IPager>(sp => sp.GetRequiredService<PagingLines>());
        services.AddHostedService(sp => sp.GetRequiredService<PagingLines>());
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<GatewayOptions>();
            return new DeliveryDispatcher(Receiver.From(active), sp.GetRequiredService<IPager>(), sp.GetRequiredService<DeliveryBook>(),
                alarm => CallText.For(alarm, options), sp.GetRequiredService<AlarmDesk>(), sp.GetRequiredService<IAuditTrail>(),
                sp.GetRequiredService<GatewayMetrics>(), sp.GetRequiredService<ILogger<DeliveryDispatcher>>());
        });
        services.AddSingleton(sp =>
        {
            var notifier = new AlarmNotifier(sp.GetRequiredService<DeliveryDispatcher>(), sp.GetRequiredService<IPager>(),
                sp.GetRequiredService<GatewayMetrics>(), sp.GetRequiredService<ILogger<AlarmNotifier>>());
            sp.GetRequiredService<SqliteAlarmOutbox>().Subscribe(notifier);
            var receivers = sp.GetRequiredService<DeliveryDispatcher>().Receivers.ToDictionary(r => r.Id);
            sp.GetRequiredService<PagingLines>().HealthChanged += (id, up) => notifier.OnHealthChanged(receivers[id], up);
            return notifier;
        });
        services.AddHostedService(sp => sp.GetRequiredService<AlarmNotifier>());
        return services;
    }

    /// <summary>
    /// A receiver that is only <c>Simulated</c> (no serial port or host) exists only under <c>--simulate</c>: the example
    /// configuration carries one for trying the chain on a PC, and a device run must not page a simulator that is not there.
    /// </summary>
    public static NotifyOptions InService(GatewaySettings settings) => new()
    {
        Receivers = settings.Options.Notify.Receivers
            .Where(r => settings.Simulate || !r.Simulated || !string.IsNullOrWhiteSpace(r.SerialPort) || !string.IsNullOrWhiteSpace(r.Host))
            .ToList(),
    };
}

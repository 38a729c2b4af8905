using Frikommune.Edge.Alarms;
using Frikommune.Edge.Configuration;
using Frikommune.Edge.Paging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Frikommune.Edge.Notify;
using Frikommune.Edge.Storage;

namespace Frikommune.Edge.Hosting;

public static class NotifySetup
{
    /// <summary>
    /// Receivers, their ESPA lines and the delivery tracking. Subscribed to <see cref="SqliteAlarmOutbox"/> as an
    /// <see cref="IAlarmObserver"/>: every alarm change once it is durable goes to <see cref="AlarmNotifier.OnDurable"/>.
    /// </summary>
    public static IServiceCollection AddNotify(this IServiceCollection services)
    {
        services.AddSingleton<DeliveryBook>();
        services.AddSingleton<ReceiversInService>();
        services.AddSingleton(sp => new PagingLines(sp.GetRequiredService<ReceiversInService>().Options,
            sp.GetRequiredService<GatewayRun>().Simulate ? new Simulation.PagingSimulator(sp.GetRequiredService<TimeProvider>()) : null,
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>()));
        services.AddAlias<IPager, PagingLines>();
        services.RunAsHostedService<PagingLines>();
        services.AddSingleton(sp =>
        {
            var doors = sp.GetRequiredService<DoorList>();
            return ActivatorUtilities.CreateInstance<DeliveryDispatcher>(sp, Receiver.From(sp.GetRequiredService<ReceiversInService>().Options),
                (Func<Alarm, string>)(alarm => CallText.For(alarm, doors)), sp.GetRequiredService<ILogger<DeliveryDispatcher>>());
        });
        services.AddSingleton(sp =>
        {
            // Not a registered IAlarmObserver (AlarmsSetup): through the dispatcher it needs the desk, which needs the outbox.
            var notifier = ActivatorUtilities.CreateInstance<AlarmNotifier>(sp);
            sp.GetRequiredService<SqliteAlarmOutbox>().Subscribe(notifier);
            sp.GetRequiredService<IPager>().Subscribe(notifier);
            return notifier;
        });
        services.RunAsHostedService<AlarmNotifier>();
        return services;
    }

    /// <summary>
    /// A receiver that is only <c>Simulated</c> (no serial port or host) exists only under <c>--simulate</c>: the example
    /// configuration carries one for trying the chain on a PC, and a device run must not page a simulator that is not there.
    /// </summary>
    public static NotifyOptions InService(NotifyOptions notify, bool simulate) => new()
    {
        Receivers = notify.Receivers
            .Where(r => simulate || !r.Simulated || !string.IsNullOrWhiteSpace(r.SerialPort) || !string.IsNullOrWhiteSpace(r.Host))
            .ToList(),
    };

    /// <summary>The receivers this run pages (<see cref="InService"/>).</summary>
    sealed class ReceiversInService(NotifyOptions notify, GatewayRun run)
    {
        public NotifyOptions Options { get; } = InService(notify, run.Simulate);
    }
}

using Frikommune.Edge.Configuration;
using Frikommune.Edge.Hosting;
using Frikommune.Edge.Metrics;

namespace Frikommune.Edge.Mqtt;

public static class MqttSetup
{
    /// <summary>The broker connection, the embedded broker under --simulate, and audit shipping.</summary>
    public static IServiceCollection AddMqtt(this IServiceCollection services, GatewayRun run)
    {
        services.AddSingleton(sp => MqttEndpoint.From(sp.GetRequiredService<MqttOptions>(), sp.GetRequiredService<SiteOptions>(), run));
        services.AddSingleton<DropLog>();
        if (run.Simulate)
        {
            // Registered first so it listens before the connection's first attempt, and stops after its offline status.
            // Only when no broker is configured; otherwise the simulation talks to that one.
            services.AddSingleton(sp => new EmbeddedBroker(sp.GetRequiredService<MqttOptions>().Port, sp.GetRequiredService<ILogger<EmbeddedBroker>>()));
            services.AddHostedService(sp => MqttEndpoint.UsesEmbeddedBroker(sp.GetRequiredService<MqttOptions>(), run)
                ? sp.GetRequiredService<EmbeddedBroker>() : (IHostedService)NoBroker.Instance);
        }
        services.AddSingleton(sp =>
        {
            var connection = new MqttConnection(sp.GetRequiredService<MqttEndpoint>(), sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<GatewayMetrics>(), sp.GetRequiredService<ILogger<MqttConnection>>(), sp.GetRequiredService<DropLog>(),
                health: sp.GetService<LoopHealth>());
            // Online only once every hosted service has started and Kestrel is bound (ApplicationStarted).
            connection.HoldOnlineUntilReady();
            sp.GetRequiredService<IHostApplicationLifetime>().ApplicationStarted.Register(connection.Ready);
            return connection;
        });
        services.AddHostedService(sp => sp.GetRequiredService<MqttConnection>());
        services.AddSingleton<Upstream.IUpstream>(sp => new MqttUpstream(sp.GetRequiredService<MqttConnection>()));
        services.AddSingleton(sp => StaffCommands.DeviceKeys.For(sp.GetRequiredService<GatewayRun>(), sp.GetRequiredService<MqttOptions>()));
        services.AddSingleton<StaffCommandVerifier>();
        services.AddSingleton<AuditShippedMark>();
        services.AddSingleton<AuditShipper>();
        services.AddHostedService(sp => sp.GetRequiredService<AuditShipper>());
        return services;
    }

    /// <summary>`run --simulate` with a configured broker: nothing to start in its place.</summary>
    sealed class NoBroker : IHostedService
    {
        public static readonly NoBroker Instance = new();
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

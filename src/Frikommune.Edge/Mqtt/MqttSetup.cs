using Frikommune.Edge.Configuration;
using Frikommune.Edge.Hosting;
using Microsoft.Extensions.Options;
using Frikommune.Edge.Simulation;

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
            services.AddSingleton(sp =>
            {
                var endpoint = sp.GetRequiredService<MqttEndpoint>();
                return new EmbeddedBroker(endpoint.Port, sp.GetRequiredService<ILogger<EmbeddedBroker>>(), endpoint.Embedded);
            });
            services.RunAsHostedService<EmbeddedBroker>();
        }
        services.AddSingleton(sp =>
        {
            var connection = ActivatorUtilities.CreateInstance<MqttConnection>(sp);
            // Online only once every hosted service has started and Kestrel is bound (ApplicationStarted).
            connection.HoldOnlineUntilReady();
            sp.GetRequiredService<IHostApplicationLifetime>().ApplicationStarted.Register(connection.Ready);
            return connection;
        });
        services.RunAsHostedService<MqttConnection>();
        services.AddSingleton<Upstream.IUpstream, MqttUpstream>();
        services.AddSingleton<StaffCommands.DeviceKeys>();
        services.AddSingleton<StaffCommandVerifier>();
        services.AddSingleton<AuditShippedMark>();
        services.AddSingleton<AuditShipper>();
        services.RunAsHostedService<AuditShipper>();
        return services;
    }
}

using Frikommune.Edge.Configuration;
using Frikommune.Edge.Hosting;
using Frikommune.Edge.Metrics;
using Microsoft.Extensions.Options;
using Frikommune.Edge.Health;
using Frikommune.Edge.Simulation;

namespace Frikommune.Edge.Mqtt;

public static class MqttSetup
{
    /// <summary>The broker connection, the embedded broker under --simulate, and audit shipping.</summary>
    public static IServiceCollection AddMqtt(this IServiceCollection services, GatewaySettings settings)
    {
        services.AddSingleton<IValidateOptions<GatewayOptions>>(new MqttValidation(settings));
        services.AddSingleton(MqttEndpoint.From(settings));
        services.AddSingleton<DropLog>();
        if (MqttEndpoint.UsesEmbeddedBroker(settings))
        {
            // Registered first so it listens before the connection's first attempt, and stops after its offline status.
            services.AddSingleton(sp => new EmbeddedBroker(settings.Options.Mqtt.Port, sp.GetRequiredService<ILogger<EmbeddedBroker>>()));
            services.AddHostedService(sp => sp.GetRequiredService<EmbeddedBroker>());
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
        services.AddSingleton(sp => StaffCommands.DeviceKeys.For(settings));
        services.AddSingleton<StaffCommandVerifier>();
        services.AddSingleton<AuditShippedMark>();
        services.AddSingleton<AuditShipper>();
        services.AddHostedService(sp => sp.GetRequiredService<AuditShipper>());
        return services;
    }

    sealed class MqttValidation(GatewaySettings settings) : IValidateOptions<GatewayOptions>
    {
        public ValidateOptionsResult Validate(string? name, GatewayOptions options)
        {
            var problems = MqttEndpoint.Problems(settings);
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}

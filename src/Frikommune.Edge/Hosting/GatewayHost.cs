using Frikommune.Edge.Audit;
using Frikommune.Edge.Clock;
using Frikommune.Edge.Configuration;
using Frikommune.Edge.Decisions;
using Frikommune.Edge.Alarms;
using Frikommune.Edge.CheckIns;
using Frikommune.Edge.Doors;
using Frikommune.Edge.Mqtt;
using Frikommune.Edge.Notify;
using Frikommune.Edge.Sensors;
using Frikommune.Edge.Web;
using Microsoft.Extensions.Options;
using Serilog;
using Frikommune.Edge.Health;
using Frikommune.Edge.Storage;

namespace Frikommune.Edge.Hosting;

/// <summary>Builds the running gateway: one <c>Add…</c> per capability, then the HTTP endpoints.</summary>
public static class GatewayHost
{
    public static WebApplication Build(GatewaySettings settings, TimeProvider time)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ContentRootPath = settings.ConfigDirectory,
            ApplicationName = "frikommune-edge",
        });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddConfiguration(settings.Configuration);
        builder.WebHost.UseUrls(settings.Options.Http.Urls);
        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);
        builder.AddGatewayHttps(settings);
        builder.Host.UseSystemd();
        // Each host its own logger (not the static one), so hosts in one process (the tests) never write to each other's files.
        builder.Services.AddSerilog((_, logger) => GatewayLogging.Configure(logger, settings), preserveStaticLogger: true);

        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(settings.Paths);
        builder.Services.AddSingleton(time);
        builder.Services.AddGatewayOptions(settings.Configuration);
        builder.Services.AddGatewayStorage();
        builder.Services.AddClockTrust();
        builder.Services.AddDecisions();
        builder.Services.AddWeb(settings.Paths);
        builder.Services.AddSystemdWatchdog();
        builder.Services.AddMqtt(settings);
        builder.Services.AddSingleton(sp => new MeasureAuthority(sp.GetRequiredService<DecisionRegistry>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<Objections.ObjectionBook>().HasObjection));
        builder.Services.AddHostedService<DecisionTopics>();
        builder.Services.AddHostedService<DecisionTimelineWatch>();
        builder.Services.AddAlarms();
        builder.Services.AddHostedService<Mqtt.AlarmTopics>();
        builder.Services.AddSensors();
        builder.Services.AddDoors(settings);
        builder.Services.AddCheckIns();
        builder.Services.AddNotify(settings);

        var app = builder.Build();
        app.MapGatewayEndpoints();
        return app;
    }

    /// <summary>One options type per section, all validated together at start.</summary>
    static IServiceCollection AddGatewayOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<GatewayOptions>().Bind(configuration).ValidateOnStart();
        services.AddSingleton<IValidateOptions<GatewayOptions>, GatewayOptionsValidation>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<GatewayOptions>>().Value);
        services.AddSingleton(sp => sp.GetRequiredService<GatewayOptions>().Site);
        services.AddSingleton(sp => sp.GetRequiredService<GatewayOptions>().Mqtt);
        services.AddSingleton(sp => sp.GetRequiredService<GatewayOptions>().Http);
        services.AddSingleton(sp => sp.GetRequiredService<GatewayOptions>().Storage);
        services.AddSingleton(sp => sp.GetRequiredService<GatewayOptions>().Decisions);
        services.AddSingleton(sp => sp.GetRequiredService<GatewayOptions>().Clock);
        services.AddSingleton(sp => sp.GetRequiredService<GatewayOptions>().Gpio);
        services.AddSingleton(sp => sp.GetRequiredService<GatewayOptions>().Alarms);
        services.AddSingleton(sp => sp.GetRequiredService<GatewayOptions>().CheckIns);
        services.AddSingleton(sp => sp.GetRequiredService<GatewayOptions>().Simulation);
        return services;
    }

    static IServiceCollection AddGatewayStorage(this IServiceCollection services)
    {
        services.AddSingleton(sp => GatewayStorage.Open(sp.GetRequiredService<GatewaySettings>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => sp.GetRequiredService<GatewayStorage>().Database);
        services.AddSingleton(sp => sp.GetRequiredService<GatewayStorage>().Users);
        services.AddSingleton(sp =>
        {
            var trail = new SqliteAuditTrail(sp.GetRequiredService<Storage.Database>(), sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<SqliteAuditTrail>>());
            // The busy timeout (30 s) is how long a CLI command may hold the file; longer is a hung writer.
            var health = sp.GetRequiredService<LoopHealth>();
            health.Register(SqliteAuditTrail.LoopName, TimeSpan.FromSeconds(40));
            trail.Beat += () => health.Beat(SqliteAuditTrail.LoopName);
            return trail;
        });
        services.AddSingleton<IAuditTrail>(sp => sp.GetRequiredService<SqliteAuditTrail>());
        services.AddSingleton(sp => new AuditReader(sp.GetRequiredService<Storage.Database>()));
        services.AddHostedService<GatewayLifecycle>();
        return services;
    }

    static IServiceCollection AddClockTrust(this IServiceCollection services)
    {
        services.AddSingleton(sp => new ClockTrustMonitor(sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ClockOptions>(),
            new Storage.ClockMarkRows(sp.GetRequiredService<Storage.Database>()), log: sp.GetRequiredService<ILogger<ClockTrustMonitor>>()));
        services.AddSingleton<IClockTrust>(sp => sp.GetRequiredService<ClockTrustMonitor>());
        return services;
    }

    sealed class GatewayOptionsValidation : IValidateOptions<GatewayOptions>
    {
        public ValidateOptionsResult Validate(string? name, GatewayOptions options)
        {
            var problems = ConfigurationValidator.Validate(options);
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}

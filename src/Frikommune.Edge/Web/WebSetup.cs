using Frikommune.Edge.Storage;
using Frikommune.Edge.Web.Page;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Frikommune.Edge.Web;

public static class WebSetup
{
    public static IServiceCollection AddWeb(this IServiceCollection services)
    {
        // Login cookies must survive a restart; the keys live with the data, never in the config folder.
        services.AddDataProtection().SetApplicationName("frikommune-edge");
        services.AddOptions<KeyManagementOptions>().Configure<GatewayPaths, ILoggerFactory>((o, paths, logs) =>
            o.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(Path.Combine(paths.DataDirectory, "keys")), logs));
        services.AddMetricsExport();
        services.AddGatewayHealthChecks();
        services.AddAuthentication(BasicAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, BasicAuthenticationHandler>(BasicAuthenticationHandler.SchemeName, null);
        services.AddSingleton<LoginGate>();
        services.AddSingleton<PublicAddress>();
        services.AddRequestLimits();
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(RequestLimits.LimitBodies);
        services.AddPage();
        services.AddAuthorization(Policies.Add);
        services.AddSingleton<IStatusPart, DoorStatus>();
        services.AddSingleton<IStatusPart, MqttStatus>();
        services.AddSingleton<IStatusPart, AlarmStatus>();
        services.AddSingleton<IStatusPart, GpioStatus>();
        services.AddSingleton<IStatusPart, RoomIndicatorStatus>();
        // The reflection resolver stays last in the chain only as a net for a type not yet listed in a context.
        services.ConfigureHttpJsonOptions(o => Wire.WireJson.Apply(o.SerializerOptions, WebJsonContext.Default, Wire.WireJsonContext.Default));
        return services;
    }

    public static WebApplication MapGatewayEndpoints(this WebApplication app)
    {
        app.UseGatewayHttps();
        app.UseRequestLimits();
        app.UseAuthentication();
        app.UseAuthorization();
        HealthEndpoints.Map(app);
        var api = app.MapGroup("/api").RequireAuthorization(Policies.Staff);
        StatusEndpoints.Map(api);
        ConfigEndpoints.Map(api);
        DecisionEndpoints.Map(api);
        AlarmEndpoints.Map(api);
        PagingEndpoints.Map(api);
        CheckInEndpoints.Map(api);
        CheckInStreamEndpoint.Map(app);
        DoorEndpoints.Map(api, app.Services.GetService<Simulation.SimulatedGpioDriver>() is not null);
        app.MapPage();
        return app;
    }
}

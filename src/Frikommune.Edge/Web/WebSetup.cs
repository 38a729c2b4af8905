using Frikommune.Edge.Storage;
using Frikommune.Edge.Web.Page;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;

namespace Frikommune.Edge.Web;

public static class WebSetup
{
    public static IServiceCollection AddWeb(this IServiceCollection services, GatewayPaths paths)
    {
        // Login cookies must survive a restart; the keys live with the data, never in the config folder.
        services.AddDataProtection().SetApplicationName("frikommune-edge")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(paths.DataDirectory, "keys")));
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
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase;
            o.SerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull;
            // API answers are application/json, never spliced into HTML (the page's inline data has its own options):
            // escape only what JSON requires, so a version reads "0.1.0+abc", not "0.1.0\u002Babc".
            o.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        });
        return services;
    }

    public static WebApplication MapGatewayEndpoints(this WebApplication app)
    {
        app.UseGatewayHttps(app.Services.GetRequiredService<Hosting.GatewaySettings>());
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
        DoorEndpoints.Map(api, app.Services.GetService<Gpio.SimulatedGpioDriver>() is not null);
        app.MapPage();
        return app;
    }
}

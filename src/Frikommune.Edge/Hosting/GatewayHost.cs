using Frikommune.Edge.Configuration;
using Frikommune.Edge.Web;
using Microsoft.Extensions.Options;
using Serilog;
using Frikommune.Edge.Health;
using Frikommune.Edge.Storage;

namespace Frikommune.Edge.Hosting;

/// <summary>The running gateway: the shared services (<see cref="GatewayComposition"/>) in a web host, then the HTTP endpoints.</summary>
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
        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);
        builder.AddGatewayHttps();
        builder.Host.UseSystemd();
        // Each host its own logger (not the static one), so hosts in one process (the tests) never write to each other's files.
        builder.Services.AddSerilog((services, logger) => GatewayLogging.Configure(logger, settings.Configuration,
            services.GetRequiredService<Storage.GatewayPaths>()), preserveStaticLogger: true);

        builder.Services.AddGateway(settings.Run, time);
        // Serving needs a broker; the other commands do not (only `run --simulate` brings its own).
        builder.Services.AddSingleton<IValidateOptions<MqttOptions>>(new SectionValidation<MqttOptions>(mqtt => Mqtt.MqttEndpoint.Problems(mqtt, settings.Run)));

        var app = builder.Build();
        foreach (var url in app.Services.GetRequiredService<HttpOptions>().Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            app.Urls.Add(url);
        app.MapGatewayEndpoints();
        return app;
    }
}

using Frikommune.Edge.Gpio;
using Frikommune.Edge.Hosting;
using Frikommune.Edge.Simulation;

namespace Frikommune.Edge.Web.Page;

/// <summary>The local web page for staff and technicians, served by the gateway itself.</summary>
public static class PageSetup
{
    /// <summary>Call after the Basic scheme is registered: the page's cookie joins it.</summary>
    public static IServiceCollection AddPage(this IServiceCollection services)
    {
        services.AddTransient<IStartupFilter, SecurityHeaders>();
        services.AddPageAuthentication();
        services.AddSingleton<LoginThrottle>();
        services.AddSingleton<PagePictures>();
        services.AddSingleton<PageEvents>();
        services.RunAsHostedService<PageEvents>();
        return services;
    }

    public static WebApplication MapPage(this WebApplication app)
    {
        var assets = PageAssets.Load(app);
        var simulation = app.Services.GetRequiredService<Configuration.GatewayRun>().Simulate || app.Services.GetService<SimulatedGpioDriver>() is not null;
        var api = app.MapGroup("/api").RequireAuthorization(Policies.Staff);
        LoginEndpoints.Map(app, assets);
        PageEndpoints.Map(app, api, assets, simulation);
        EventStreamEndpoint.Map(api);
        TechnicianEndpoints.Map(api, simulation);
        return app;
    }
}

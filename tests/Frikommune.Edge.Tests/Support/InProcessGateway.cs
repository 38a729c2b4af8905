using System.Net.Http.Headers;
using System.Text;
using Frikommune.Edge.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Frikommune.Edge.Tests.Support;

/// <summary>The real host, in this process, serving real HTTP on a loopback port of its own.</summary>
public sealed class InProcessGateway : IAsyncDisposable
{
    InProcessGateway(TestSite site, WebApplication app)
    {
        Site = site;
        App = app;
    }

    public TestSite Site { get; }
    public WebApplication App { get; }
    public T Service<T>() where T : notnull => App.Services.GetRequiredService<T>();

    /// <summary>The two users most tests log in as: anna (staff, "staff-password") and tom (technician, "tech-password").</summary>
    public void AddAnnaAndTom()
    {
        var users = Service<Edge.Storage.UserStore>();
        users.AddOrReplace("anna", Edge.Users.Roles.Staff, "staff-password");
        users.AddOrReplace("tom", Edge.Users.Roles.Technician, "tech-password");
    }

    public static async Task<InProcessGateway> StartAsync(TestSite site, TimeProvider? time = null, bool simulate = false)
    {
        var app = GatewayHost.Build(site.Settings(simulate), time ?? TimeProvider.System);
        await app.StartAsync();
        return new InProcessGateway(site, app);
    }

    public HttpClient Client(string? user = null, string? password = null)
    {
        var client = new HttpClient { BaseAddress = Site.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (user is not null)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        SqliteConnection.ClearAllPools();
    }
}

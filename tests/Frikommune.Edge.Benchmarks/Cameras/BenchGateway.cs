using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using System.Collections.Concurrent;
using Frikommune.Edge.Cameras;
using Frikommune.Edge.Web;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Frikommune.Edge.CheckIns;

namespace Frikommune.Edge.Benchmarks.Cameras;

/// <summary>Kestrel on loopback with only the check-in stream endpoint, real time, one camera.</summary>
sealed class BenchGateway : IAsyncDisposable, ICheckInSessions
{
    readonly ConcurrentDictionary<string, StreamGrant> _grants = new();
    readonly WebApplication _app;
    int _ids;

    BenchGateway(ICamera camera)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<ICheckInSessions>(this);
        builder.Services.AddSingleton(new RoomCameras(new Dictionary<string, ICamera> { [camera.Room] = camera }));
        builder.Services.AddSingleton(new CheckInViewers());
        builder.Services.AddSingleton(TimeProvider.System);
        _app = builder.Build();
        CheckInStreamEndpoint.Map(_app);
    }

    public Uri Address { get; private set; } = null!;

    public static async Task<BenchGateway> StartAsync(ICamera camera)
    {
        var gateway = new BenchGateway(camera);
        await gateway._app.StartAsync();
        gateway.Address = new Uri(gateway._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return gateway;
    }

    /// <summary>A new session for the camera's room until <paramref name="expiresAt"/>; returns its stream URL.</summary>
    public Uri Grant(string room, DateTimeOffset expiresAt)
    {
        var id = $"s{Interlocked.Increment(ref _ids)}";
        var token = StreamToken.New();
        _grants[id] = new StreamGrant(id, room, StreamToken.Hash(token), expiresAt, true, CancellationToken.None);
        return new Uri(Address, $"/checkins/{id}/stream?token={Uri.EscapeDataString(token)}");
    }

    public StreamGrant? Find(string sessionId) => _grants.GetValueOrDefault(sessionId);

    public void Viewed(string sessionId, double viewedSeconds, StreamEndCause cause) { }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

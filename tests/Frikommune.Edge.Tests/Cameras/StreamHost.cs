using System.Collections.Concurrent;
using System.Threading.Channels;
using Frikommune.Edge.Cameras;
using Frikommune.Edge.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Frikommune.Edge.CheckIns;

namespace Frikommune.Edge.Tests.Cameras;

/// <summary>A real Kestrel on loopback serving only the check-in stream endpoint, over fake sessions and a given camera.</summary>
sealed class StreamHost : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 21, 4, 5, TimeSpan.Zero);

    readonly WebApplication _app;

    StreamHost(WebApplication app, FakeSessions sessions, CheckInViewers viewers, Uri address)
    {
        _app = app;
        Sessions = sessions;
        Viewers = viewers;
        Address = address;
    }

    public FakeSessions Sessions { get; }
    public CheckInViewers Viewers { get; }
    public Uri Address { get; }

    public static async Task<StreamHost> StartAsync(ICamera camera, TimeProvider time)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var sessions = new FakeSessions();
        var viewers = new CheckInViewers();
        builder.Services.AddSingleton<ICheckInSessions>(sessions);
        builder.Services.AddSingleton(new RoomCameras(new Dictionary<string, ICamera> { [camera.Room] = camera }));
        builder.Services.AddSingleton(viewers);
        builder.Services.AddSingleton(time);
        var app = builder.Build();
        CheckInStreamEndpoint.Map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new StreamHost(app, sessions, viewers, new Uri(address));
    }

    public Uri StreamUrl(string sessionId, string? token) =>
        new(Address, $"/checkins/{sessionId}/stream" + (token is null ? "" : "?token=" + Uri.EscapeDataString(token)));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

sealed class FakeSessions : ICheckInSessions
{
    readonly ConcurrentDictionary<string, StreamGrant> _grants = new();
    readonly ConcurrentDictionary<string, CancellationTokenSource> _ends = new();

    public ConcurrentQueue<(string SessionId, double Seconds, StreamEndCause Cause)> Views { get; } = new();

    /// <summary>Grants a session in <paramref name="room"/> until <paramref name="expiresAt"/>; returns its token.</summary>
    public string Grant(string sessionId, string room, DateTimeOffset expiresAt, bool open = true)
    {
        var token = StreamToken.New();
        var end = _ends.GetOrAdd(sessionId, _ => new CancellationTokenSource());
        _grants[sessionId] = new StreamGrant(sessionId, room, StreamToken.Hash(token), expiresAt, open, end.Token);
        return token;
    }

    /// <summary>The gate ends the session early (revocation, objection, …).</summary>
    public void End(string sessionId)
    {
        _grants[sessionId] = _grants[sessionId] with { IsOpen = false };
        _ends[sessionId].Cancel();
    }

    public StreamGrant? Find(string sessionId) => _grants.GetValueOrDefault(sessionId);

    readonly TaskCompletionSource _firstView = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the first stream has reported its end.</summary>
    public Task FirstView => _firstView.Task.WaitAsync(TimeSpan.FromSeconds(10));

    public void Viewed(string sessionId, double viewedSeconds, StreamEndCause cause)
    {
        Views.Enqueue((sessionId, viewedSeconds, cause));
        _firstView.TrySetResult();
    }
}

/// <summary>A camera whose frames the test pushes; it counts how often it is opened and how many are open now.</summary>
sealed class PushCamera(string room) : ICamera
{
    readonly Channel<byte[]> _frames = Channel.CreateUnbounded<byte[]>();
    int _open;

    public string Room => room;
    public int Opened;
    public int Open => Volatile.Read(ref _open);
    public Exception? FailWith { get; set; }

    public void Push(byte[] frame) => _frames.Writer.TryWrite(frame);

    public async IAsyncEnumerable<ReadOnlyMemory<byte>> Frames(
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Opened);
        Interlocked.Increment(ref _open);
        try
        {
            if (FailWith is { } failure) throw failure;
            await foreach (var frame in _frames.Reader.ReadAllAsync(cancellationToken))
                yield return frame;
        }
        finally { Interlocked.Decrement(ref _open); }
    }
}

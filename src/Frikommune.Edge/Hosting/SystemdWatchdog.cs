using Microsoft.Extensions.Hosting.Systemd;
using Frikommune.Edge.Health;

namespace Frikommune.Edge.Hosting;

/// <summary>What systemd asked of this process, read from its environment (see sd_watchdog_enabled(3)).</summary>
public sealed record WatchdogEnvironment(bool NotifySocket, TimeSpan? WatchdogInterval)
{
    public static WatchdogEnvironment FromProcess() =>
        From(Environment.GetEnvironmentVariable, Environment.ProcessId);

    public static WatchdogEnvironment From(Func<string, string?> variable, int processId)
    {
        var socket = !string.IsNullOrEmpty(variable("NOTIFY_SOCKET"));
        var usec = variable("WATCHDOG_USEC");
        var pid = variable("WATCHDOG_PID");
        // WATCHDOG_PID names the process systemd watches; a child that inherited it must not feed on its behalf.
        var ours = string.IsNullOrEmpty(pid) || (int.TryParse(pid, out var p) && p == processId);
        TimeSpan? interval = socket && ours && long.TryParse(usec, out var us) && us > 0
            ? TimeSpan.FromMicroseconds(us / 2.0) // half the timeout, as systemd recommends
            : null;
        return new WatchdogEnvironment(socket, interval);
    }
}

/// <summary>
/// Beats the "host" loop and feeds the systemd watchdog (<c>WATCHDOG=1</c>) only while <see cref="LoopHealth"/> is
/// healthy. When Microsoft.Extensions.Hosting.Systemd did not take over the lifetime (it only does when its parent is
/// systemd), but NOTIFY_SOCKET is set, this also sends <c>READY=1</c> and <c>STOPPING=1</c> so Type=notify still works.
/// </summary>
sealed class SystemdWatchdog(LoopHealth health, WatchdogEnvironment environment, IHostApplicationLifetime lifetime, TimeProvider time,
    ILogger<SystemdWatchdog> log, ISystemdNotifier? hostNotifier = null) : BackgroundService
{
    public const string HostLoop = "host";
    static readonly TimeSpan IdleBeat = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var notifier = hostNotifier ?? (environment.NotifySocket ? new SystemdNotifier() : null);
        if (hostNotifier is null && notifier is not null)
        {
            lifetime.ApplicationStarted.Register(() => notifier.Notify(ServiceState.Ready));
            lifetime.ApplicationStopping.Register(() => notifier.Notify(ServiceState.Stopping));
        }

        var feed = environment.WatchdogInterval is not null ? notifier : null;
        var period = environment.WatchdogInterval ?? IdleBeat;
        RegisterHostLoop(period);
        if (feed is not null) log.LogInformation("Feeding the systemd watchdog every {Period} s while all loops are healthy", period.TotalSeconds);

        // Fed only once the gateway has started (after READY=1): a start-up that hangs is systemd's start timeout's to judge.
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            try { await started.Task.WaitAsync(stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
        using var timer = new PeriodicTimer(period, time);
        do Tick(feed);
        while (await NextTick(timer, stoppingToken));
    }

    bool _unhealthy;

    internal void RegisterHostLoop(TimeSpan period) => health.Register(HostLoop, period * 3);

    /// <summary>One beat of the host loop, then feed the watchdog if every loop is healthy.</summary>
    internal void Tick(ISystemdNotifier? feed)
    {
        health.Beat(HostLoop);
        if (feed is null) return;
        if (health.IsHealthy(out var problem))
        {
            feed.Notify(new ServiceState("WATCHDOG=1"));
            if (_unhealthy) log.LogInformation("All loops healthy again; feeding the systemd watchdog");
            _unhealthy = false;
        }
        else if (!_unhealthy)
        {
            // Not feeding lets systemd restart the service after WatchdogSec; STATUS= shows why in systemctl status.
            _unhealthy = true;
            log.LogError("Not feeding the systemd watchdog: {Problem}", problem);
            feed.Notify(new ServiceState("STATUS=unhealthy: " + problem));
        }
    }

    static async Task<bool> NextTick(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try { return await timer.WaitForNextTickAsync(stoppingToken); }
        catch (OperationCanceledException) { return false; }
    }
}

public static class SystemdWatchdogRegistration
{
    /// <summary>Registers <see cref="LoopHealth"/> (for loops to beat) and the watchdog feeder. Call after <c>UseSystemd()</c>.</summary>
    public static IServiceCollection AddSystemdWatchdog(this IServiceCollection services)
    {
        services.AddSingleton<LoopHealth>();
        services.AddSingleton(_ => WatchdogEnvironment.FromProcess());
        services.AddHostedService<SystemdWatchdog>();
        return services;
    }
}

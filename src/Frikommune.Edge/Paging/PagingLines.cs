using System.IO.Ports;
using Frikommune.Edge.Alarms;
using Frikommune.Edge.Configuration;
using Frikommune.Edge.Notify;
using Frikommune.Edge.Observing;
using Frikommune.Edge.Paging.Espa;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Frikommune.Edge.Paging;

/// <summary>
/// The ESPA 4.4.4 lines the receivers use, one control station per line (serial port or host:port); receivers
/// on the same paging system share it. Under <c>--simulate</c> a receiver marked <c>Simulated</c> is wired to a
/// paging-system simulator inside the gateway.
/// </summary>
public sealed class PagingLines : BackgroundService, IPager
{
    const string SimulatedLine = "simulated";
    readonly Dictionary<string, EspaControlStation> _lines = new(StringComparer.Ordinal);
    readonly Dictionary<string, string> _lineOf = new(StringComparer.Ordinal);
    readonly Dictionary<string, ReceiverOptions> _receivers = new(StringComparer.Ordinal);

    readonly Observers<IPagerHealthObserver> _health = new();
    readonly ILogger _log;

    public IDisposable Subscribe(IPagerHealthObserver observer) => _health.Add(observer);

    /// <summary>The paging system inside the gateway, when a receiver uses it (<c>--simulate</c> only).</summary>
    public ISimulatedPagingSystem? Simulator { get; }

    public PagingLines(NotifyOptions options, ISimulatedPagingSystem? simulated, TimeProvider time, ILoggerFactory logs)
    {
        _log = logs.CreateLogger<PagingLines>();
        var log = logs.CreateLogger<EspaControlStation>();
        foreach (var r in options.Receivers.Where(r => r.Kind == "espa444"))
        {
            _receivers[r.Id] = r;
            var key = simulated is not null && r.Simulated ? SimulatedLine
                : !string.IsNullOrWhiteSpace(r.SerialPort) ? $"serial:{r.SerialPort}"
                : r.Host is { Length: > 0 } ? $"tcp:{r.Host}:{r.Port}" : $"unavailable:{r.Id}";
            _lineOf[r.Id] = key;
            if (_lines.ContainsKey(key)) continue;
            Func<CancellationToken, ValueTask<Stream>> open = key switch
            {
                SimulatedLine => OpenSimulated,
                _ when key.StartsWith("serial:", StringComparison.Ordinal) =>
                    EspaLines.Serial(r.SerialPort!, r.BaudRate, Enum.Parse<Parity>(r.Parity), r.DataBits),
                _ when key.StartsWith("tcp:", StringComparison.Ordinal) => EspaLines.Tcp(r.Host!, r.Port ?? 0),
                _ => _ => throw new IOException("a simulated receiver has no paging system outside --simulate"),
            };
            var station = new EspaControlStation(key, open, LinkOptions(r), time, log);
            var line = key;
            station.StateChanged += (state, _) =>
            {
                foreach (var id in _lineOf.Where(p => p.Value == line).Select(p => p.Key)) Tell(id, state == EspaLineState.Up);
            };
            _lines[key] = station;
        }
        if (_lines.ContainsKey(SimulatedLine)) Simulator = simulated;
    }

    void Tell(string receiverId, bool up)
    {
        foreach (var observer in _health.Now)
            try { observer.OnHealthChanged(receiverId, up); }
            catch (Exception e) { _log.LogError(e, "A receiver health listener failed"); }
    }

    readonly List<Task> _simulations = [];
    CancellationToken _stopping;

    ValueTask<Stream> OpenSimulated(CancellationToken cancel)
    {
        var (gateway, pagingSystem) = DuplexPipe.Create();
        lock (_simulations) _simulations.Add(Simulator!.ServeAsync(pagingSystem, _stopping));
        return ValueTask.FromResult(gateway);
    }

    static EspaLinkOptions LinkOptions(ReceiverOptions r) => new()
    {
        OwnAddress = r.OwnAddress[0], PagingAddress = r.PagingAddress[0], ResponseTimeout = TimeSpan.FromMilliseconds(r.ResponseTimeoutMs),
        PollInterval = TimeSpan.FromSeconds(r.PollSeconds), Retries = r.Retries,
    };

    public async Task<PageResult> PageAsync(Receiver receiver, PageCall call, Action onSent)
    {
        if (!_lineOf.TryGetValue(receiver.Id, out var key)) return new PageResult(false, $"receiver kind '{receiver.Kind}' has no line");
        var digit = call.Priority switch { AlarmPriority.High => '1', AlarmPriority.Medium => '2', _ => '3' };
        // Beep coding follows the priority: '1' the most insistent tone, as most paging systems number them.
        var outcome = await _lines[key].CallAsync(new EspaCall(receiver.CallAddress, call.Text, BeepCoding: digit, Priority: digit), onSent);
        return new PageResult(outcome.Confirmed, outcome.Error);
    }

    public (bool Up, string? LastError) Health(Receiver receiver) =>
        _lineOf.TryGetValue(receiver.Id, out var key) ? (_lines[key].State == EspaLineState.Up, _lines[key].LastError) : (false, "no line");

    /// <summary>The receivers on the simulated line with a call address, for <c>GET /api/paging/calls</c>.</summary>
    public IEnumerable<string> SimulatedReceivers(string callAddress) =>
        _lineOf.Where(p => p.Value == SimulatedLine && _receivers[p.Key].CallAddress == callAddress).Select(p => p.Key);

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        _stopping = stopping;
        await Task.WhenAll(_lines.Values.Select(l => Task.Run(() => l.RunAsync(stopping), CancellationToken.None)));
        Task[] simulations;
        lock (_simulations) simulations = _simulations.ToArray();
        await Task.WhenAll(simulations);
    }
}

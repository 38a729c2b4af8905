using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Frikommune.Edge.Paging.Espa;

/// <summary>
/// The control station of an ESPA 4.4.4 line (§ 3): polls the paging system for supervision (<c>EOT 2 ENQ</c>,
/// answered by EOT, or by <c>1 ENQ</c> when it has status to hand over), and to call a pager becomes temporary
/// master (<c>EOT 1 ENQ</c>), selects the paging system (<c>2 ENQ</c> → ACK), sends the block and waits for ACK,
/// retransmitting on NAK or silence, then ends with EOT. Time comes from the <see cref="TimeProvider"/>; the line
/// is any <see cref="Stream"/> (serial port, TCP, a simulator's pipe).
/// </summary>
public sealed partial class EspaControlStation(string name, Func<CancellationToken, ValueTask<Stream>> open, EspaLinkOptions options,
    TimeProvider time, ILogger log)
{
    sealed record Pending(EspaCall Call, Action? OnSent, TaskCompletionSource<EspaOutcome> Done);

    readonly EspaLinkOptions _options = options;
    readonly TimeProvider _time = time;
    readonly Channel<Pending> _calls = Channel.CreateUnbounded<Pending>(new() { SingleReader = true });
    volatile EspaLineState _state;
    volatile string? _lastError;

    public string Name => name;
    public EspaLineState State => _state;
    public string? LastError => _lastError;

    /// <summary>Raised on every change between up and down, off the caller's thread.</summary>
    public event Action<EspaLineState, string?>? StateChanged;

    /// <summary>A status information block from the paging system (§ 4.2 header '2').</summary>
    public event Action<EspaBlock>? Received;

    /// <summary>Queues a call. A line already known to be down fails it at once, so the next level is called without waiting.</summary>
    public Task<EspaOutcome> CallAsync(EspaCall call, Action? onSent = null)
    {
        if (_state == EspaLineState.Down) return Task.FromResult(EspaOutcome.Failed(_lastError ?? "line down"));
        var pending = new Pending(call, onSent, new TaskCompletionSource<EspaOutcome>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_calls.Writer.TryWrite(pending)) return Task.FromResult(EspaOutcome.Failed("line stopped"));
        return pending.Done.Task;
    }

    public async Task RunAsync(CancellationToken stopping)
    {
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                Stream line;
                try { line = await open(stopping); }
                catch (Exception e) when (e is not OperationCanceledException || !stopping.IsCancellationRequested)
                {
                    MarkDown($"cannot open the line: {e.Message}");
                    await Task.Delay(_options.ReconnectDelay, _time, stopping);
                    continue;
                }
                await ServeLineAsync(line, stopping);
                if (!stopping.IsCancellationRequested) await Task.Delay(_options.ReconnectDelay, _time, stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested) { }
        finally
        {
            _calls.Writer.TryComplete();
            while (_calls.Reader.TryRead(out var p)) p.Done.TrySetResult(EspaOutcome.Failed("gateway stopping"));
        }
    }

    async Task ServeLineAsync(Stream line, CancellationToken stopping)
    {
        var rx = Channel.CreateUnbounded<byte>(new() { SingleReader = true, SingleWriter = true });
        using var lineStop = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var pump = PumpAsync(line, rx.Writer, lineStop.Token);
        var session = new Session(this, line, rx.Reader, stopping);
        try
        {
            await session.RunAsync();
        }
        catch (Exception e) when (e is IOException or ChannelClosedException or ObjectDisposedException or UnauthorizedAccessException
                                      or InvalidOperationException or TimeoutException)
        {
            MarkDown($"line lost: {e.Message}");
            session.FailCurrent($"line lost: {e.Message}");
        }
        finally
        {
            lineStop.Cancel();
            try { await line.DisposeAsync(); } catch (Exception) { /* the port is gone already */ }
            try { await pump; } catch (Exception) { /* reported through the channel */ }
        }
    }

    static async Task PumpAsync(Stream line, ChannelWriter<byte> rx, CancellationToken stop)
    {
        var buffer = new byte[256];
        try
        {
            int n;
            while ((n = await line.ReadAsync(buffer, stop)) > 0)
                for (var i = 0; i < n; i++) rx.TryWrite((byte)(buffer[i] & 0x7F)); // 7-bit characters; drop a parity bit a converter passed on
            rx.TryComplete(new IOException("the line closed"));
        }
        catch (Exception e)
        {
            rx.TryComplete(e is OperationCanceledException ? null : e);
        }
    }

    void MarkUp() => Move(EspaLineState.Up, null);

    void MarkDown(string error)
    {
        Move(EspaLineState.Down, error);
        // Calls waiting behind a dead line go to the next level now rather than after their own timeouts.
        while (_calls.Reader.TryRead(out var p)) p.Done.TrySetResult(EspaOutcome.Failed(error));
    }

    void Move(EspaLineState state, string? error)
    {
        if (error is not null) _lastError = error;
        if (_state == state) return;
        _state = state;
        if (state == EspaLineState.Down) log.LogWarning("Paging line {Line} is down: {Problem}", name, error);
        else log.LogInformation("Paging line {Line} is up", name);
        StateChanged?.Invoke(state, error);
    }
}

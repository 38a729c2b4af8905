using System.Threading.Channels;

namespace Frikommune.Edge.Paging.Espa;

public sealed partial class EspaControlStation
{
    /// <summary>One open line: alternates between sending queued calls and polling while idle.</summary>
    sealed class Session(EspaControlStation station, Stream line, ChannelReader<byte> rx, CancellationToken stopping)
    {
        readonly EspaLinkOptions o = station._options;
        Pending? _current;

        public async Task RunAsync()
        {
            while (!stopping.IsCancellationRequested)
            {
                if (station._calls.Reader.TryRead(out var pending))
                {
                    _current = pending;
                    pending.Done.TrySetResult(await TransactAsync(pending));
                    _current = null;
                    continue;
                }
                await PollAsync();
                using var idle = new CancellationTokenSource(o.PollInterval, station._time);
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(stopping, idle.Token);
                try { await station._calls.Reader.WaitToReadAsync(wait.Token); }
                catch (OperationCanceledException) when (!stopping.IsCancellationRequested) { }
            }
        }

        public void FailCurrent(string error) => _current?.Done.TrySetResult(EspaOutcome.Failed(error));

        async Task PollAsync()
        {
            await SendAsync(EspaChars.Eot, (byte)o.PagingAddress, EspaChars.Enq);
            var answer = await ReadAsync();
            if (answer is null) { station.MarkDown("no answer to poll"); return; }
            station.MarkUp();
            // The paging system has something to hand over: it selects us (<1> ENQ) and sends status blocks.
            if (answer == (byte)o.OwnAddress && await ReadAsync() == EspaChars.Enq)
            {
                await SendAsync(EspaChars.Ack);
                await ReceiveBlocksAsync();
            }
        }

        async Task<EspaOutcome> TransactAsync(Pending pending)
        {
            byte[] block;
            try { block = pending.Call.ToBlock().Encode(); }
            catch (ArgumentException e) { return EspaOutcome.Failed($"call not sendable: {e.Message}"); }

            string error = "";
            var selected = false;
            for (var attempt = 0; attempt <= o.Retries && !selected; attempt++)
            {
                Drain();
                // EOT, then poll ourselves to become temporary master, then select the paging system (§ 3.1, 3.2).
                await SendAsync(EspaChars.Eot, (byte)o.OwnAddress, EspaChars.Enq, (byte)o.PagingAddress, EspaChars.Enq);
                switch (await ReadAsync())
                {
                    case EspaChars.Ack: selected = true; break;
                    case EspaChars.Nak: error = "paging system not ready (NAK to selection)"; break;
                    case null: error = "no answer to selection"; break;
                    case var other: error = $"unexpected answer 0x{other:X2} to selection"; break;
                }
            }
            if (!selected)
            {
                await SendAsync(EspaChars.Eot);
                if (error.StartsWith("no answer", StringComparison.Ordinal)) station.MarkDown(error);
                return EspaOutcome.Failed(error);
            }
            station.MarkUp();
            for (var attempt = 0; attempt <= o.Retries; attempt++)
            {
                await WriteAsync(block);
                if (attempt == 0) pending.OnSent?.Invoke();
                switch (await ReadAsync())
                {
                    case EspaChars.Ack:
                        await SendAsync(EspaChars.Eot);
                        return EspaOutcome.Ok;
                    case EspaChars.Nak: error = $"NAK after {attempt + 1} transmission(s)"; break;
                    case null: error = $"no answer to the data block after {attempt + 1} transmission(s)"; break;
                    case var other: error = $"unexpected answer 0x{other:X2} to the data block"; break;
                }
            }
            await SendAsync(EspaChars.Eot);
            return EspaOutcome.Failed(error);
        }

        async Task ReceiveBlocksAsync()
        {
            var frame = new List<byte>(64);
            while (await ReadAsync() is { } b)
            {
                if (b == EspaChars.Eot) return;
                if (b != EspaChars.Soh) continue;
                frame.Clear();
                frame.Add(b);
                while (await ReadAsync() is { } next && frame.Count < EspaBlock.MaxLength)
                {
                    frame.Add(next);
                    if (next == EspaChars.Etx) { if (await ReadAsync() is { } bcc) frame.Add(bcc); break; }
                }
                if (EspaBlock.TryDecode(frame.ToArray(), out var block))
                {
                    await SendAsync(EspaChars.Ack);
                    station.Received?.Invoke(block!);
                }
                else await SendAsync(EspaChars.Nak);
            }
        }

        Task SendAsync(params byte[] bytes) => WriteAsync(bytes);

        /// <summary>
        /// A write that does not finish in time means the port is gone: a serial driver can block a write for ever
        /// when the other end of the cable vanished, and the line must then be seen down, not hang.
        /// </summary>
        async Task WriteAsync(byte[] bytes)
        {
            var bound = o.ResponseTimeout + TimeSpan.FromSeconds(1);
            await line.WriteAsync(bytes, stopping).AsTask().WaitAsync(bound, station._time, stopping);
            await line.FlushAsync(stopping).WaitAsync(bound, station._time, stopping);
        }

        async Task<byte?> ReadAsync()
        {
            using var timeout = new CancellationTokenSource(o.ResponseTimeout, station._time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping, timeout.Token);
            try { return await rx.ReadAsync(linked.Token); }
            catch (OperationCanceledException) when (!stopping.IsCancellationRequested) { return null; }
        }

        /// <summary>Forgets stray characters (a late ACK, noise) so they are not taken as the answer to the next question.</summary>
        void Drain()
        {
            while (rx.TryRead(out _)) { }
        }
    }
}

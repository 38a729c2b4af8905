using Frikommune.Edge.Paging.Espa;
using Frikommune.Edge.Paging;

namespace Frikommune.Edge.Simulation;

/// <summary>A call as the handset would display it.</summary>
public sealed record PagedCall(string CallAddress, string Text, char Priority, DateTimeOffset At);

/// <summary>
/// The paging system's side of an ESPA 4.4.4 line (address '2'), for <c>--simulate</c> and the tests: answers a
/// poll with EOT, a selection with ACK, a block with ACK when its BCC is right (NAK otherwise), and keeps the
/// recent calls. <see cref="NakBlocks"/> and <see cref="Silent"/> play a paging system in trouble.
/// </summary>
public sealed class PagingSimulator(TimeProvider time, char address = '2', char controlAddress = '1') : ISimulatedPagingSystem
{
    const int Keep = 100;
    readonly LinkedList<PagedCall> _calls = new();
    readonly Lock _gate = new();
    int _nakBlocks;

    /// <summary>Answer the next this-many data blocks with NAK.</summary>
    public int NakBlocks { get => Volatile.Read(ref _nakBlocks); set => Volatile.Write(ref _nakBlocks, value); }

    /// <summary>Answer nothing at all, as a paging system that is switched off.</summary>
    public volatile bool Silent;

    /// <summary>Every block received with a right BCC, as the bytes on the line (tests compare them to the spec).</summary>
    public event Action<PagedCall, byte[]>? Paged;

    public IReadOnlyList<PagedCall> Recent()
    {
        lock (_gate) return _calls.Reverse().ToList();
    }

    public async Task ServeAsync(Stream line, CancellationToken stopping)
    {
        var buffer = new byte[256];
        var frame = new List<byte>(64);
        byte previous = 0;
        bool masterSelecting = false, inBlock = false, bccNext = false;
        try
        {
            int n;
            while ((n = await line.ReadAsync(buffer, stopping)) > 0)
                for (var i = 0; i < n; i++)
                {
                    var b = (byte)(buffer[i] & 0x7F);
                    if (bccNext)
                    {
                        frame.Add(b);
                        bccNext = inBlock = false;
                        await AnswerAsync(line, Receive(frame.ToArray()), stopping);
                    }
                    else if (inBlock)
                    {
                        frame.Add(b);
                        if (b == EspaChars.Etx) bccNext = true;
                        else if (frame.Count > EspaBlock.MaxLength) inBlock = false;
                    }
                    else if (b == EspaChars.Soh) { inBlock = true; frame.Clear(); frame.Add(b); }
                    else if (b == EspaChars.Eot) masterSelecting = false;
                    else if (b == EspaChars.Enq && previous == (byte)controlAddress) masterSelecting = true;
                    else if (b == EspaChars.Enq && previous == (byte)address)
                        // Selected by the temporary master: ready to receive. Merely polled: nothing to send.
                        await AnswerAsync(line, masterSelecting ? EspaChars.Ack : EspaChars.Eot, stopping);
                    previous = b;
                }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested) { }
        catch (IOException) { /* the control station went away */ }
    }

    byte Receive(byte[] frame)
    {
        if (!EspaBlock.TryDecode(frame, out var block)) return EspaChars.Nak;
        if (NakBlocks > 0) { Interlocked.Decrement(ref _nakBlocks); return EspaChars.Nak; }
        if (block!.Header == EspaChars.CallToPager)
        {
            var call = new PagedCall(block.Find(EspaRecord.CallAddress) ?? "", EspaText.FromIa5Danish(block.Find(EspaRecord.DisplayMessage) ?? ""),
                (block.Find(EspaRecord.Priority) ?? "3")[0], time.GetUtcNow());
            lock (_gate)
            {
                _calls.AddLast(call);
                while (_calls.Count > Keep) _calls.RemoveFirst();
            }
            Paged?.Invoke(call, frame);
        }
        return EspaChars.Ack;
    }

    async Task AnswerAsync(Stream line, byte answer, CancellationToken stopping)
    {
        if (Silent) return;
        await line.WriteAsync(new[] { answer }, stopping);
        await line.FlushAsync(stopping);
    }
}

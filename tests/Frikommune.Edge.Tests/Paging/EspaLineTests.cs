using Frikommune.Edge.Paging.Espa;
using Frikommune.Edge.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Frikommune.Edge.Tests.Paging;

/// <summary>The control station against a paging-system simulator over a real pty pair (socat) and over TCP.</summary>
public sealed class EspaLineTests
{
    static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);
    static readonly EspaLinkOptions Fast = new()
    {
        ResponseTimeout = TimeSpan.FromMilliseconds(300), PollInterval = TimeSpan.FromMilliseconds(200),
        Retries = 2, ReconnectDelay = TimeSpan.FromMilliseconds(200),
    };

    public static TheoryData<string> Lines => new() { "serial", "tcp" };

    static async Task<EspaPeer> PeerAsync(string line) => line == "serial" ? await EspaPeer.SerialAsync() : EspaPeer.Tcp();

    static (EspaControlStation Station, Task Running, CancellationTokenSource Stop) Start(EspaPeer peer)
    {
        var station = new EspaControlStation("test", peer.Open, Fast, TimeProvider.System, NullLogger.Instance);
        var stop = new CancellationTokenSource();
        return (station, Task.Run(() => station.RunAsync(stop.Token)), stop);
    }

    static async Task StopAsync(CancellationTokenSource stop, Task running)
    {
        stop.Cancel();
        await running.WaitAsync(Bound);
    }

    [Theory, MemberData(nameof(Lines))]
    public async Task The_line_is_polled_and_a_call_is_selected_sent_and_confirmed(string line)
    {
        await using var peer = await PeerAsync(line);
        var (station, running, stop) = Start(peer);
        await Eventually.TrueAsync(() => station.State == EspaLineState.Up, Bound, "the poll was answered");

        var sent = false;
        var outcome = await station.CallAsync(new EspaCall("201", "Epileptisk anfald – rum 12", BeepCoding: '1', Priority: '1'), () => sent = true).WaitAsync(Bound);

        Assert.True(outcome.Confirmed, outcome.Error);
        Assert.True(sent);
        var call = Assert.Single(peer.Simulator.Recent());
        Assert.Equal(("201", "Epileptisk anfald - rum 12", '1'), (call.CallAddress, call.Text, call.Priority));
        // Poll: EOT 2 ENQ. Call: EOT 1 ENQ 2 ENQ, the block, then EOT.
        Assert.Equal(new byte[] { 0x04, (byte)'2', 0x05 }, peer.Heard[..3]);
        var block = new EspaCall("201", "Epileptisk anfald – rum 12", BeepCoding: '1', Priority: '1').ToBlock().Encode();
        var select = new byte[] { 0x04, (byte)'1', 0x05, (byte)'2', 0x05 };
        var expected = Convert.ToHexString([.. select, .. block, 0x04]);
        await Eventually.TrueAsync(() => Convert.ToHexString(peer.Heard).Contains(expected), Bound, "selection, block and EOT on the line");
        await StopAsync(stop, running);
    }

    [Theory, MemberData(nameof(Lines))]
    public async Task A_nak_is_answered_by_retransmitting_the_block_and_too_many_naks_fail_the_call(string line)
    {
        await using var peer = await PeerAsync(line);
        var (station, running, stop) = Start(peer);
        await Eventually.TrueAsync(() => station.State == EspaLineState.Up, Bound, "the poll was answered");
        var blocks = 0;
        peer.Simulator.Paged += (_, _) => Interlocked.Increment(ref blocks);

        peer.Simulator.NakBlocks = 2;
        var retried = await station.CallAsync(new EspaCall("201", "Dør holdt åben")).WaitAsync(Bound);
        Assert.True(retried.Confirmed, retried.Error);
        Assert.Equal(3, CountBlocks(peer.Heard));

        peer.Simulator.NakBlocks = 3;
        var failed = await station.CallAsync(new EspaCall("201", "Dør holdt åben")).WaitAsync(Bound);
        Assert.False(failed.Confirmed);
        Assert.Equal("NAK after 3 transmission(s)", failed.Error);
        Assert.Equal(6, CountBlocks(peer.Heard));
        Assert.Equal(1, blocks);
        await StopAsync(stop, running);
    }

    [Theory, MemberData(nameof(Lines))]
    public async Task A_silent_paging_system_fails_the_call_after_retries_and_the_line_goes_down_then_up_again(string line)
    {
        await using var peer = await PeerAsync(line);
        var (station, running, stop) = Start(peer);
        await Eventually.TrueAsync(() => station.State == EspaLineState.Up, Bound, "the poll was answered");

        peer.Simulator.Silent = true;
        var outcome = await station.CallAsync(new EspaCall("201", "Ude af sengen – rum 14")).WaitAsync(Bound);
        Assert.False(outcome.Confirmed);
        Assert.StartsWith("no answer", outcome.Error);
        await Eventually.TrueAsync(() => station.State == EspaLineState.Down, Bound, "the line is seen down");
        Assert.False((await station.CallAsync(new EspaCall("201", "x"))).Confirmed); // a known-dead line fails at once

        peer.Simulator.Silent = false;
        await Eventually.TrueAsync(() => station.State == EspaLineState.Up, Bound, "the poll is answered again");
        Assert.True((await station.CallAsync(new EspaCall("201", "x")).WaitAsync(Bound)).Confirmed);
        await StopAsync(stop, running);
    }

    [Theory, MemberData(nameof(Lines))]
    public async Task A_cut_line_is_detected_as_down_with_the_reason(string line)
    {
        await using var peer = await PeerAsync(line);
        var (station, running, stop) = Start(peer);
        await Eventually.TrueAsync(() => station.State == EspaLineState.Up, Bound, "the poll was answered");

        peer.Cut();
        await Eventually.TrueAsync(() => station.State == EspaLineState.Down, Bound, "the cut line is seen down");
        Assert.NotNull(station.LastError);
        var outcome = await station.CallAsync(new EspaCall("201", "x")).WaitAsync(Bound);
        Assert.False(outcome.Confirmed);
        await StopAsync(stop, running);
    }

    static int CountBlocks(byte[] heard) => heard.Count(b => b == EspaChars.Soh);
}

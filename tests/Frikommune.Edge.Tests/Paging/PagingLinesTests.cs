using Frikommune.Edge.Alarms;
using Frikommune.Edge.Configuration;
using Frikommune.Edge.Notify;
using Frikommune.Edge.Paging;
using Frikommune.Edge.Paging.Espa;
using Frikommune.Edge.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Frikommune.Edge.Tests.Paging;

/// <summary>From a receiver and an alarm's call to the block on a TCP line.</summary>
public sealed class PagingLinesTests
{
    [Theory]
    [InlineData(AlarmPriority.High, "1")]
    [InlineData(AlarmPriority.Medium, "2")]
    [InlineData(AlarmPriority.Low, "3")]
    public async Task The_alarms_priority_becomes_the_espa_priority_and_beep_coding_of_a_call_to_the_receivers_address(AlarmPriority priority, string digit)
    {
        await using var peer = EspaPeer.Tcp();
        var options = new NotifyOptions { Receivers = [new ReceiverOptions { Id = "dect-night", CallAddress = "201", Host = "127.0.0.1", Port = peer.Port }] };
        var lines = new PagingLines(options, simulated: null, TimeProvider.System, NullLoggerFactory.Instance);
        await lines.StartAsync(CancellationToken.None);
        try
        {
            var receiver = Receiver.From(options)[0];
            await Eventually.TrueAsync(() => lines.Health(receiver).Up, TimeSpan.FromSeconds(15), "line up");
            var sent = false;
            var result = await lines.PageAsync(receiver, new PageCall("a-1", "Dør holdt åben – Yderdør vest", priority, 0), () => sent = true)
                .WaitAsync(TimeSpan.FromSeconds(15));
            Assert.True(result.Confirmed, result.Error);
            Assert.True(sent);

            var heard = peer.Heard;
            var soh = Array.LastIndexOf(heard, EspaChars.Soh);
            var etx = Array.IndexOf(heard, EspaChars.Etx, soh);
            Assert.True(EspaBlock.TryDecode(heard[soh..(etx + 2)], out var block));
            Assert.Equal(('1', "201", "D|r holdt }ben - Yderd|r vest", digit, "3", "1", digit),
                (block!.Header, block.Find(EspaRecord.CallAddress), block.Find(EspaRecord.DisplayMessage), block.Find(EspaRecord.BeepCoding),
                 block.Find(EspaRecord.CallType), block.Find(EspaRecord.Transmissions), block.Find(EspaRecord.Priority)));
        }
        finally
        {
            await lines.StopAsync(CancellationToken.None);
        }
    }
}

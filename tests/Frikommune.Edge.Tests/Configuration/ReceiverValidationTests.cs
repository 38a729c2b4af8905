using Frikommune.Edge.Cli;
using Frikommune.Edge.Tests.Support;

namespace Frikommune.Edge.Tests.Configuration;

/// <summary><c>Notify:Receivers</c> is checked with the rest: one line per problem, naming the key.</summary>
public sealed class ReceiverValidationTests : IDisposable
{
    readonly TestSite _site = new();

    [Theory]
    [InlineData("--Notify:Receivers:1:Id=dect-night", "Notify:Receivers:1:Id: receiver id 'dect-night' is used twice")]
    [InlineData("--Notify:Receivers:0:Kind=sms", "Notify:Receivers:0:Kind: 'sms' is not one of espa444")]
    [InlineData("--Notify:Receivers:0:CallAddress=", "Notify:Receivers:0:CallAddress: is required")]
    [InlineData("--Notify:Receivers:0:Kinds:0=fire", "Notify:Receivers:0:Kinds:0: 'fire' is not an alarm kind")]
    [InlineData("--Notify:Receivers:0:Priorities:0=urgent", "Notify:Receivers:0:Priorities:0: 'urgent' is not one of high, medium, low")]
    [InlineData("--Notify:Receivers:0:Rooms:0=room-99", "Notify:Receivers:0:Rooms:0: room 'room-99' is not configured")]
    [InlineData("--Notify:Receivers:0:Doors:0=door-east", "Notify:Receivers:0:Doors:0: door 'door-east' is not configured")]
    [InlineData("--Notify:Receivers:0:Level=10", "Notify:Receivers:0:Level: must be 0-9")]
    [InlineData("--Notify:Receivers:0:Simulated=false", "Notify:Receivers:0:SerialPort: is required")]
    [InlineData("--Notify:Receivers:0:Port=4001", "Notify:Receivers:0:Host: is required with Port")]
    [InlineData("--Notify:Receivers:0:BaudRate=1000", "Notify:Receivers:0:BaudRate: must be a standard rate")]
    [InlineData("--Notify:Receivers:0:Parity=Weird", "Notify:Receivers:0:Parity: 'Weird' is not one of")]
    [InlineData("--Notify:Receivers:0:PagingAddress=1", "Notify:Receivers:0:PagingAddress: must be one character 0-9, not OwnAddress")]
    public async Task A_bad_receiver_is_refused_with_its_key(string setting, string expected)
    {
        var (code, output) = await _site.ValidateConfigAsync(setting);
        Assert.NotEqual(0, code);
        Assert.Contains(expected, output);
    }

    [Fact]
    public async Task A_receiver_on_a_serial_port_or_a_tcp_converter_is_accepted()
    {
        Assert.Equal((0, "ok"), Trim(await _site.ValidateConfigAsync("--Notify:Receivers:0:Simulated=false", "--Notify:Receivers:0:SerialPort=/dev/ttyUSB0")));
        Assert.Equal((0, "ok"), Trim(await _site.ValidateConfigAsync("--Notify:Receivers:0:Simulated=false", "--Notify:Receivers:0:Host=192.0.2.40", "--Notify:Receivers:0:Port=4001")));
    }

    static (int, string) Trim((int Code, string Output) r) => (r.Code, r.Output.Trim());

    public void Dispose() => _site.Dispose();
}

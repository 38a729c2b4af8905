using Frikommune.Edge.Tests.Support;

namespace Frikommune.Edge.Tests.Cli;

public sealed class ProcessLifecycleTests
{
    [Fact]
    public async Task Sigterm_stops_the_gateway_cleanly_with_exit_0()
    {
        using var site = new TestSite();
        using var gateway = ChildProcess.StartGateway("run", "--config", site.ConfigDirectory);
        await gateway.WaitForLineAsync(l => l.Contains("Application started"), TimeSpan.FromSeconds(60));
        gateway.Signal(ChildProcess.SIGTERM);
        Assert.Equal(0, await gateway.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("Application is shutting down", gateway.Output);
    }

    [Fact]
    public async Task An_invalid_configuration_refuses_to_start_with_one_line_per_problem()
    {
        using var site = new TestSite();
        using var gateway = ChildProcess.StartGateway("run", "--config", site.ConfigDirectory, "--Site:Id=", "--Doors:0:Pins:Lock=17");
        var code = await gateway.WaitForExitAsync(TimeSpan.FromSeconds(60));
        Assert.NotEqual(0, code);
        Assert.Contains("Site:Id: is required", gateway.Output);
        Assert.Contains("Doors:0:Pins:Lock: pin 17 is also used by Doors:0:Pins:ButtonA", gateway.Output);
    }
}

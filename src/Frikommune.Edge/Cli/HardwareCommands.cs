using Frikommune.Edge.Hosting;

namespace Frikommune.Edge.Cli;

static class HardwareCommands
{
    public static Task<int> SelfTestAsync(GatewaySettings settings, TextWriter stdout) =>
        throw new UsageException("hardware selftest: not wired yet");
}

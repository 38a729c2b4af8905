using Frikommune.Edge.Hosting;

namespace Frikommune.Edge.Cli;

static class DecisionCommands
{
    public static Task<int> ImportAsync(GatewaySettings settings, IReadOnlyList<string> files, TextWriter stdout) =>
        throw new UsageException("decisions import: not wired yet");

    public static int List(GatewaySettings settings, bool json, TextWriter stdout) =>
        throw new UsageException("decisions list: not wired yet");
}

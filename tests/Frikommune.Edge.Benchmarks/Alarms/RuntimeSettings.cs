using System.Text.Json.Nodes;

namespace Frikommune.Edge.Benchmarks.Alarms;

/// <summary>
/// The runtime settings the bench runs with, held against the gateway's own (<c>frikommune-edge.runtimeconfig.json</c>,
/// copied beside the bench): the gateway runs in the bench's process, so its memory figures are the product's only
/// when the GC and JIT settings match. <c>DOTNET_*</c> variables (used to try a setting without a rebuild) are listed.
/// </summary>
static class RuntimeSettings
{
    public static string Describe()
    {
        var file = Path.Combine(AppContext.BaseDirectory, "frikommune-edge.runtimeconfig.json");
        var gateway = JsonNode.Parse(File.ReadAllText(file))!["runtimeOptions"]!["configProperties"]!.AsObject()
            .Where(p => p.Key.StartsWith("System.GC.", StringComparison.Ordinal) || p.Key.StartsWith("System.Runtime.Tiered", StringComparison.Ordinal))
            .ToList();
        var differ = gateway.Where(p => AppContext.GetData(p.Key)?.ToString()?.ToLowerInvariant() != p.Value?.ToString().ToLowerInvariant()).Select(p => p.Key).ToList();
        var variables = Environment.GetEnvironmentVariables().Keys.Cast<string>().Where(k => k.StartsWith("DOTNET_", StringComparison.Ordinal))
            .Order().Select(k => $"{k}={Environment.GetEnvironmentVariable(k)}").ToList();
        return $"runtime: gateway's settings {string.Join(", ", gateway.Select(p => $"{p.Key}={p.Value}"))}"
            + (differ.Count == 0 ? " (the bench runs with the same)" : $"; WARNING the bench differs in {string.Join(", ", differ)}")
            + $"; environment {(variables.Count == 0 ? "none" : string.Join(" ", variables))}"
            + $"; GC {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}, {System.Runtime.GCSettings.LatencyMode}"
            + ServiceEnvironment();
    }

    /// <summary>The unit's MALLOC_* lines (glibc reads them before the runtime starts, so only the environment can set them).</summary>
    static string ServiceEnvironment()
    {
        var unit = Path.Combine(Mqtt.BenchBroker.RepositoryRoot(), "config", "systemd", "frikommune-edge.service");
        var wanted = File.ReadLines(unit).Select(l => l.Trim()).Where(l => l.StartsWith("Environment=MALLOC_", StringComparison.Ordinal))
            .Select(l => l["Environment=".Length..].Split('=', 2)).ToList();
        var missing = wanted.Where(w => Environment.GetEnvironmentVariable(w[0]) != w[1]).Select(w => $"{w[0]}={w[1]}").ToList();
        return missing.Count == 0
            ? $"; the service's {string.Join(" ", wanted.Select(w => $"{w[0]}={w[1]}"))} set"
            : $"; WARNING the service sets {string.Join(" ", missing)}, this run does not (run the bench with it in its environment)";
    }
}

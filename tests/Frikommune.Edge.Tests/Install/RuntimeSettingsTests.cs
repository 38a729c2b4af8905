using System.Text.Json.Nodes;
using Frikommune.Edge.Tests.Support;

namespace Frikommune.Edge.Tests.Install;

/// <summary>
/// The runtime settings README "Benchmarks" states for the gateway, read from the runtimeconfig.json the build writes
/// beside <c>frikommune-edge</c> (and publishes with it): workstation, concurrent GC and no tiered PGO; and the one
/// that only the environment can give, glibc's malloc arenas, from the systemd unit install.sh installs.
/// </summary>
public sealed class RuntimeSettingsTests
{
    static JsonObject Gateway() => JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "frikommune-edge.runtimeconfig.json")))!
        ["runtimeOptions"]!["configProperties"]!.AsObject();

    [Fact]
    public void Gateway_runs_workstation_concurrent_gc_without_tiered_pgo()
    {
        var settings = Gateway();
        Assert.False(settings["System.GC.Server"]!.GetValue<bool>());
        // Concurrent is the runtime's default: absent or true.
        Assert.True(settings["System.GC.Concurrent"]?.GetValue<bool>() ?? true);
        Assert.False(settings["System.Runtime.TieredPGO"]!.GetValue<bool>());
    }

    [Fact]
    public void Service_limits_glibc_to_two_malloc_arenas()
    {
        var unit = File.ReadAllLines(Path.Combine(TestSite.RepositoryRoot, "config", "systemd", "frikommune-edge.service"));
        var service = unit.SkipWhile(l => l.Trim() != "[Service]").Skip(1).TakeWhile(l => !l.StartsWith('['));
        Assert.Contains("Environment=MALLOC_ARENA_MAX=2", service.Select(l => l.Trim()));
    }
}

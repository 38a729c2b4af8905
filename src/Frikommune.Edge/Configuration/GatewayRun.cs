namespace Frikommune.Edge.Configuration;

/// <summary>
/// What this run was started with besides the configuration: its folder (relative paths in the settings are
/// relative to it) and whether it is <c>--simulate</c>. Components that must know take this, never the loader.
/// </summary>
public sealed record GatewayRun(string ConfigDirectory, bool Simulate)
{
    public string ResolveFile(string path) =>
        Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(ConfigDirectory, path));
}

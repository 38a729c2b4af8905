using Frikommune.Edge.Configuration;

namespace Frikommune.Edge.Storage;

/// <summary>Where things live on disk; relative settings are resolved against the configuration folder.</summary>
public sealed record GatewayPaths(string ConfigDirectory, string DataDirectory, string TrustedKeysDirectory)
{
    public string DatabaseFile => Path.Combine(DataDirectory, "gateway.db");
    public string LogsDirectory => Path.Combine(DataDirectory, "logs");

    public static GatewayPaths From(GatewayRun run, StorageOptions storage, DecisionsOptions decisions) => new(
        run.ConfigDirectory, run.ResolveFile(storage.Path), run.ResolveFile(decisions.TrustedKeysPath));

    public string ResolveFile(string path) => Resolve(ConfigDirectory, path);

    static string Resolve(string baseDirectory, string path) =>
        Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(baseDirectory, path));
}

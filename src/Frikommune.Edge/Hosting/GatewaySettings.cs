using Frikommune.Edge.Configuration;
using Microsoft.Extensions.Configuration;

namespace Frikommune.Edge.Hosting;

/// <summary>
/// The configuration as the program sees it: <c>DIR/appsettings.json</c>, then <c>FRIKOMMUNE_Section__Key</c>
/// environment variables, then <c>--Section:Key=value</c> arguments (later wins). Only the composition root reads
/// this; it binds nothing itself: each section is bound and validated once, in the container (<see cref="GatewayOptionsSetup"/>).
/// </summary>
public sealed record GatewaySettings(string ConfigDirectory, IConfiguration Configuration, bool Simulate)
{
    public const string DefaultConfigDirectory = "/etc/frikommune-edge";
    public const string EnvironmentPrefix = "FRIKOMMUNE_";

    public GatewayRun Run { get; } = new(ConfigDirectory, Simulate);

    public static GatewaySettings Load(string? configDirectory, IEnumerable<string> overrides, bool simulate)
    {
        var directory = ResolveConfigDirectory(configDirectory);
        var file = Path.Combine(directory, "appsettings.json");
        if (!File.Exists(file))
            throw new ConfigurationProblemException([$"--config: {file} does not exist"]);
        IConfiguration configuration;
        try
        {
            configuration = new ConfigurationBuilder()
                .AddJsonFile(file, optional: false, reloadOnChange: false)
                .AddEnvironmentVariables(EnvironmentPrefix)
                .AddCommandLine(overrides.ToArray())
                .Build();
        }
        catch (Exception e) when (e is FormatException or InvalidDataException or System.Text.Json.JsonException)
        {
            throw new ConfigurationProblemException([$"appsettings.json: {e.InnerException?.Message ?? e.Message}"]);
        }
        return new GatewaySettings(directory, configuration, simulate);
    }

    /// <summary><c>--config DIR</c>, else /etc/frikommune-edge, else a checkout's <c>config/</c>.</summary>
    static string ResolveConfigDirectory(string? explicitDirectory)
    {
        if (explicitDirectory is not null) return Path.GetFullPath(explicitDirectory);
        if (Directory.Exists(DefaultConfigDirectory)) return DefaultConfigDirectory;
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "config");
                if (File.Exists(Path.Combine(candidate, "appsettings.json")) && File.Exists(Path.Combine(dir.FullName, "Frikommune.Edge.sln")))
                    return candidate;
            }
        }
        return DefaultConfigDirectory;
    }

    // The binder leaves an optional (nullable) pin unchanged when its value is not a number; say so instead.
    internal static IEnumerable<string> PinValueProblems(IConfiguration configuration) =>
        configuration.AsEnumerable()
            .Where(kv => kv.Value is { Length: > 0 } && (kv.Key.StartsWith("Doors:") || kv.Key.StartsWith("Rooms:"))
                && kv.Key.Split(':') is [_, _, "Pins", _] && !int.TryParse(kv.Value, out _))
            .Select(kv => $"{kv.Key}: '{kv.Value}' is not a pin number")
            .OrderBy(p => p, StringComparer.Ordinal);

    // The binder says "Failed to convert configuration value at 'Doors:0:Pins:Lock' to type ..."; keep the key first.
    internal static string BindingProblem(InvalidOperationException e)
    {
        var match = System.Text.RegularExpressions.Regex.Match(e.Message, "at '([^']+)'");
        return match.Success ? $"{match.Groups[1].Value}: has a value of the wrong type" : $"configuration: {e.Message}";
    }
}

using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Frikommune.Edge.Hosting;

namespace Frikommune.Edge.Tests.Support;

/// <summary>
/// A configuration folder made from the repository's example <c>config/appsettings.json</c>, with its data
/// and HTTP port moved somewhere private to the test. Edit <see cref="Json"/> before <see cref="Write"/>.
/// </summary>
public sealed class TestSite : IDisposable
{
    readonly TempDirectory _dir = new();

    public TestSite()
    {
        Json = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot, "config", "appsettings.json")))!.AsObject();
        HttpPort = FreeTcpPort();
        Json["Http"]!["Urls"] = $"http://127.0.0.1:{HttpPort}";
        Json["Storage"]!["Path"] = "data";
        Json["Gpio"]!["Driver"] = "simulated";
        // A broker address where none listens: the gateway keeps trying in the background. MQTT tests point it at their own broker.
        MqttPort = FreeTcpPort();
        Json["Mqtt"]!["Host"] = "127.0.0.1";
        Json["Mqtt"]!["Port"] = MqttPort;
        Directory.CreateDirectory(TrustDirectory);
        Write();
    }

    public JsonObject Json { get; }
    public int HttpPort { get; }
    public int MqttPort { get; set; }
    public string TopicPrefix => (string)Json["Mqtt"]!["TopicPrefix"]!;

    /// <summary>Points the gateway at a broker (and writes the file).</summary>
    public TestSite UseBroker(int port, string host = "127.0.0.1")
    {
        MqttPort = port;
        Json["Mqtt"]!["Host"] = host;
        Json["Mqtt"]!["Port"] = port;
        return Write();
    }
    public string ConfigDirectory => _dir.Path;
    public string TrustDirectory => Path.Combine(_dir.Path, "trust");
    public string DataDirectory => Path.Combine(_dir.Path, "data");
    public string DatabaseFile => Path.Combine(DataDirectory, "gateway.db");
    public Uri BaseAddress => new($"http://127.0.0.1:{HttpPort}");

    public TestSite Write()
    {
        File.WriteAllText(Path.Combine(_dir.Path, "appsettings.json"), Json.ToJsonString(new() { WriteIndented = true }));
        return this;
    }

    public GatewaySettings Settings(bool simulate = false, params string[] overrides) =>
        GatewaySettings.Load(ConfigDirectory, overrides, simulate);

    /// <summary><c>config validate</c> on this site with <paramref name="overrides"/>: its exit code and all it printed.</summary>
    public async Task<(int Code, string Output)> ValidateConfigAsync(params string[] overrides)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await Frikommune.Edge.Cli.CommandLine.RunAsync(["config", "validate", "--config", ConfigDirectory, .. overrides], stdout, stderr);
        return (code, stdout.ToString() + stderr);
    }

    public static string RepositoryRoot { get; } = FindRoot();

    static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Frikommune.Edge.sln"))) return dir.FullName;
        throw new InvalidOperationException("repository root not found");
    }

    public static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose() => _dir.Dispose();
}

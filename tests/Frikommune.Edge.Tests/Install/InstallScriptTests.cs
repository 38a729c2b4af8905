using System.Diagnostics;
using System.Text.Json.Nodes;
using Frikommune.Edge.Tests.Support;

namespace Frikommune.Edge.Tests.Install;

/// <summary>install.sh and the unit file, run for real. Publishing is slow (~45 s each), so it happens twice in all.</summary>
[Collection(nameof(InstallScriptTests))] // one publish at a time: the machine has two cores
public class InstallScriptTests
{
    static string Repo => TestSite.RepositoryRoot;
    static string UnitFile => Path.Combine(Repo, "config", "systemd", "frikommune-edge.service");

    [Fact]
    public async Task Installs_under_a_prefix_as_a_normal_user_and_an_upgrade_keeps_the_edited_configuration()
    {
        using var prefix = new TempDirectory();
        var (status, output) = await Run(Path.Combine(Repo, "install.sh"), "--prefix", prefix.Path, "--no-systemd", "--runtime", "linux-x64");
        Assert.True(status == 0, output);

        var program = Path.Combine(prefix.Path, "opt", "frikommune-edge", "frikommune-edge");
        var etc = Path.Combine(prefix.Path, "etc", "frikommune-edge");
        var data = Path.Combine(prefix.Path, "var", "lib", "frikommune-edge");
        Assert.True(File.Exists(Path.Combine(etc, "trust", "README.md")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(data));
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(etc, "appsettings.json")))!;
        Assert.Equal(data, (string?)config["Storage"]!["Path"]);
        Assert.True((bool)config["Clock"]!["RequireSync"]!);

        var validate = await Run(program, "config", "validate", "--config", etc);
        Assert.True(validate.Status == 0, validate.Output);
        Assert.Equal("ok", validate.Output.Trim());

        // HTTPS by default: a device certificate for this host, its fingerprint printed, the configuration pointing at it.
        var certificate = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPemFile(
            Path.Combine(etc, "tls", "device.crt"), Path.Combine(etc, "tls", "device.key"));
        Assert.Contains(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(certificate.RawData)),
            output.Replace(":", ""), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("127.0.0.1", certificate.Extensions.OfType<System.Security.Cryptography.X509Certificates.X509SubjectAlternativeNameExtension>().Single().EnumerateIPAddresses().Select(a => a.ToString()));
        Assert.StartsWith("https://", (string?)config["Http"]!["Urls"]);
        Assert.Equal("tls/device.key", (string?)config["Http"]!["Certificate"]!["KeyPath"]);

        // Upgrade: edit the configuration and add a data file, install again (from the installed program, to skip a
        // second publish: what is under test is that configuration and data survive).
        var edited = File.ReadAllText(Path.Combine(etc, "appsettings.json")).Replace("Afdeling Vest", "Afdeling Øst");
        File.WriteAllText(Path.Combine(etc, "appsettings.json"), edited);
        File.WriteAllText(Path.Combine(data, "keep.me"), "x");
        var published = Path.Combine(prefix.Path, "published");
        CopyDirectory(Path.GetDirectoryName(program)!, published);
        var again = await Run(Path.Combine(Repo, "install.sh"), "--prefix", prefix.Path, "--no-systemd", "--from", published);
        Assert.True(again.Status == 0, again.Output);
        Assert.Contains("kept the configuration", again.Output);
        Assert.Equal(edited, File.ReadAllText(Path.Combine(etc, "appsettings.json")));
        Assert.True(File.Exists(Path.Combine(data, "keep.me")));
        Assert.Equal("ok", (await Run(program, "config", "validate", "--config", etc)).Output.Trim());

        var removed = await Run(Path.Combine(Repo, "install.sh"), "--prefix", prefix.Path, "--no-systemd", "--uninstall");
        Assert.True(removed.Status == 0, removed.Output);
        Assert.False(File.Exists(program));
        Assert.Equal(edited, File.ReadAllText(Path.Combine(etc, "appsettings.json")));
        Assert.True(File.Exists(Path.Combine(data, "keep.me")));
    }

    [Fact]
    public async Task Publishes_self_contained_for_a_Raspberry_Pi()
    {
        using var work = new TempDirectory();
        var output = Path.Combine(work.Path, "out");
        var (status, log) = await Run("dotnet", "publish", Path.Combine(Repo, "src", "Frikommune.Edge"), "-c", "Release", "-r", "linux-arm64",
            "--self-contained", "-p:PublishReadyToRun=true", "-nologo", "--artifacts-path", Path.Combine(work.Path, "artifacts"), "-o", output);
        Assert.True(status == 0, log);
        var header = File.ReadAllBytes(Path.Combine(output, "frikommune-edge"))[..20];
        Assert.Equal("\u007fELF"u8.ToArray(), header[..4]);
        Assert.Equal(0xB7, BitConverter.ToUInt16(header, 18)); // e_machine EM_AARCH64
        Assert.True(File.Exists(Path.Combine(output, "libcoreclr.so")), "not self-contained");
    }

    [Fact]
    public async Task The_unit_passes_systemd_analyze_verify()
    {
        using var dir = new TempDirectory();
        // verify insists that ExecStart exists, so point it at a stand-in executable.
        var program = dir.File("frikommune-edge");
        File.WriteAllText(program, "#!/bin/sh\n");
        File.SetUnixFileMode(program, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var unit = dir.File("frikommune-edge.service");
        File.WriteAllText(unit, File.ReadAllText(UnitFile).Replace("ExecStart=/opt/frikommune-edge/frikommune-edge", "ExecStart=" + program));

        var (status, output) = await Run("systemd-analyze", "verify", unit);
        Assert.True(status == 0 && output.Trim().Length == 0, output); // an unknown key is only a warning: fail on any output
    }

    [Fact]
    public void The_unit_has_the_watchdog_and_the_hardening_the_contract_asks_for()
    {
        var lines = File.ReadAllLines(UnitFile).Select(l => l.Trim()).ToHashSet();
        string[] required =
        [
            "Type=notify", "Restart=always", "User=frikommune-edge", "SupplementaryGroups=gpio",
            "ExecStart=/opt/frikommune-edge/frikommune-edge run --config /etc/frikommune-edge",
            "ProtectSystem=strict", "ReadWritePaths=/var/lib/frikommune-edge", "PrivateTmp=yes", "NoNewPrivileges=yes",
            "DevicePolicy=closed", "DeviceAllow=/dev/gpiochip0 rw", "CapabilityBoundingSet=", "ProtectHome=yes",
            "ProtectKernelTunables=yes", "RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6", "StandardOutput=journal",
        ];
        Assert.All(required, r => Assert.Contains(r, lines));
        Assert.Contains(lines, l => l.StartsWith("WatchdogSec=", StringComparison.Ordinal));
    }

    [Fact]
    public void The_unit_lets_the_clock_check_read_the_kernels_NTP_state()
    {
        var lines = File.ReadAllLines(UnitFile).Select(l => l.Trim()).ToList();
        Assert.DoesNotContain("ProtectClock=yes", lines); // it makes even a read-only adjtimex fail with EPERM
        var allowed = lines.Where(l => l.StartsWith("SystemCallFilter=", StringComparison.Ordinal) && !l.Contains('~'))
            .SelectMany(l => l["SystemCallFilter=".Length..].Split(' ')).ToHashSet();
        Assert.Contains("@system-service", allowed);
        Assert.Contains("adjtimex", allowed);
        Assert.Contains("clock_adjtime", allowed);
    }

    [Fact]
    public async Task Help_describes_the_options()
    {
        var (status, output) = await Run(Path.Combine(Repo, "install.sh"), "--help");
        Assert.Equal(0, status);
        foreach (var option in new[] { "--prefix", "--no-systemd", "--uninstall", "--purge", "--runtime" }) Assert.Contains(option, output);
    }

    static async Task<(int Status, string Output)> Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        try { await process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException) { process.Kill(entireProcessTree: true); throw; }
        return (process.ExitCode, await stdout + await stderr);
    }

    static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
            File.SetUnixFileMode(target, File.GetUnixFileMode(file));
        }
    }
}

using System.Security.Cryptography;
using Frikommune.Edge.Audit;
using Frikommune.Edge.Cli;
using Frikommune.Edge.Hosting;
using Frikommune.Edge.StaffCommands;
using Frikommune.Edge.Tests.Support;
using Microsoft.Data.Sqlite;
using Frikommune.Edge.Storage;

namespace Frikommune.Edge.Tests.Cli;

/// <summary><c>devices add|list|remove</c>: a technician registers the staff devices whose signed commands count.</summary>
public sealed class DeviceCommandTests : IDisposable
{
    readonly TestSite _site = new();
    readonly TempDirectory _files = new();
    readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await CommandLine.RunAsync([.. args, "--config", _site.ConfigDirectory], stdout, stderr, new StringReader(""));
        SqliteConnection.ClearAllPools();
        return (code, stdout.ToString(), stderr.ToString());
    }

    string Write(string name, string text)
    {
        var file = _files.File(name);
        File.WriteAllText(file, text);
        return file;
    }

    IReadOnlyList<AuditRecord> Audit() => new AuditReader(GatewayStorage.Open(_site.Settings()).Database).ReadAfter(0, 100).ToList();

    [Fact]
    public async Task Add_list_remove_are_audited_and_the_key_lands_in_the_devices_folder()
    {
        var added = await RunAsync("devices", "add", "tablet-1", "--public-key", Write("tablet.pem", _key.ExportSubjectPublicKeyInfoPem()));
        Assert.Equal(0, added.Code);
        var fingerprint = DeviceKeys.Fingerprint(_key);
        Assert.Contains(fingerprint, added.Out);
        Assert.True(File.Exists(Path.Combine(_site.ConfigDirectory, "devices", "tablet-1.pem")));

        var list = await RunAsync("devices", "list");
        Assert.Equal(0, list.Code);
        Assert.StartsWith($"tablet-1\tsha256 {fingerprint}", list.Out);

        Assert.Equal(0, (await RunAsync("devices", "remove", "tablet-1")).Code);
        Assert.Equal("", (await RunAsync("devices", "list")).Out);
        Assert.Equal(1, (await RunAsync("devices", "remove", "tablet-1")).Code);

        var records = Audit();
        Assert.Equal(["device-added", "device-removed"], records.Select(r => r.Entry.Kind));
        Assert.All(records, r => Assert.Equal(fingerprint, r.Entry.Details!["keySha256"]));
        Assert.All(records, r => Assert.Equal("tablet-1", r.Entry.Details!["device"]));
        Assert.Equal(0, (await RunAsync("audit", "verify")).Code);
    }

    [Theory]
    [InlineData("private", "PEM PUBLIC KEY")]
    [InlineData("rsa", "not a readable ECDSA P-256")]
    [InlineData("p384", "not an ECDSA P-256")]
    [InlineData("garbage", "PEM PUBLIC KEY")]
    public async Task Anything_but_a_P256_public_key_is_refused_and_nothing_is_registered(string kind, string expected)
    {
        using var rsa = RSA.Create(2048);
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var text = kind switch
        {
            "private" => _key.ExportPkcs8PrivateKeyPem(),
            "rsa" => rsa.ExportSubjectPublicKeyInfoPem(),
            "p384" => p384.ExportSubjectPublicKeyInfoPem(),
            _ => "hello",
        };
        var result = await RunAsync("devices", "add", "tablet-1", "--public-key", Write("k.pem", text));
        Assert.Equal(CommandLine.Invalid, result.Code);
        Assert.Contains(expected, result.Err);
        Assert.False(Directory.Exists(Path.Combine(_site.ConfigDirectory, "devices")) && Directory.EnumerateFiles(Path.Combine(_site.ConfigDirectory, "devices")).Any());
        Assert.Empty(Audit());
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData(".hidden")]
    [InlineData("simulate-demo")]
    public async Task A_device_id_that_could_leave_the_folder_or_hide_is_refused(string id)
    {
        var result = await RunAsync("devices", "add", id, "--public-key", Write("t.pem", _key.ExportSubjectPublicKeyInfoPem()));
        Assert.Equal(CommandLine.Invalid, result.Code);
        Assert.Contains("device id", result.Err);
    }

    public void Dispose()
    {
        _key.Dispose();
        _files.Dispose();
        _site.Dispose();
    }
}

using System.Text.Json;
using Frikommune.Edge.Mqtt;
using Frikommune.Edge.Tests.Support;

namespace Frikommune.Edge.Tests.Mqtt;

public sealed class TlsAndSimulationTests
{
    static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Connects_over_tls_to_a_broker_signed_by_the_configured_ca_with_a_password()
    {
        using var pki = new TempDirectory();
        await Run("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1",
            "-keyout", pki.File("ca.key"), "-out", pki.File("ca.crt"), "-subj", "/CN=test-ca");
        await Run("openssl", "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", pki.File("server.key"), "-out", pki.File("server.csr"), "-subj", "/CN=localhost");
        File.WriteAllText(pki.File("ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
        await Run("openssl", "x509", "-req", "-in", pki.File("server.csr"), "-CA", pki.File("ca.crt"), "-CAkey", pki.File("ca.key"),
            "-CAcreateserial", "-out", pki.File("server.crt"), "-days", "1", "-extfile", pki.File("ext"));
        await Run("mosquitto_passwd", "-b", "-c", pki.File("passwd"), "gateway", "s3cret");
        using var broker = await Mosquitto.StartAsync($"cafile {pki.File("ca.crt")}", $"certfile {pki.File("server.crt")}",
            $"keyfile {pki.File("server.key")}", $"password_file {pki.File("passwd")}", "allow_anonymous false");

        using var site = new TestSite();
        File.Copy(pki.File("ca.crt"), Path.Combine(site.ConfigDirectory, "broker-ca.crt"));
        site.Json["Mqtt"]!["UseTls"] = true;
        site.Json["Mqtt"]!["CaFile"] = "broker-ca.crt";
        site.Json["Mqtt"]!["Username"] = "gateway";
        site.Json["Mqtt"]!["Password"] = "s3cret";
        site.UseBroker(broker.Port);
        await using var gateway = await InProcessGateway.StartAsync(site);
        var connection = gateway.Service<MqttConnection>();
        await connection.WhenConnectedAsync(CancellationToken.None).WaitAsync(Timeout);
        Assert.Equal(PublishOutcome.Delivered, await connection.PublishAsync($"{site.TopicPrefix}/test/tls", "{}").WaitAsync(Timeout));
    }

    [Fact]
    public void A_broker_certificate_from_another_ca_is_not_trusted()
    {
        using var ours = System.Security.Cryptography.ECDsa.Create();
        using var theirs = System.Security.Cryptography.ECDsa.Create();
        var ca = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=ours", ours, System.Security.Cryptography.HashAlgorithmName.SHA256)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var other = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=localhost", theirs, System.Security.Cryptography.HashAlgorithmName.SHA256)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        Assert.False(MqttClientOptionsFactory.TrustedBy([ca], other, System.Net.Security.SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.False(MqttClientOptionsFactory.TrustedBy([ca], ca, System.Net.Security.SslPolicyErrors.RemoteCertificateNameMismatch));
    }

    [Fact]
    public async Task Simulate_without_a_host_runs_an_embedded_broker_that_a_plain_client_can_use()
    {
        using var site = new TestSite();
        var port = TestSite.FreeTcpPort();
        using var gateway = ChildProcess.StartGateway("run", "--simulate", "--config", site.ConfigDirectory, "--Mqtt:Host=", $"--Mqtt:Port={port}");
        await gateway.WaitForLineAsync(l => l.Contains("MQTT connected to 127.0.0.1"), TimeSpan.FromSeconds(60));
        var status = $"{site.TopicPrefix}/status";
        await using var probe = await MqttProbe.ConnectAsync(port, status);
        var online = await probe.WaitForAsync(m => m.Topic == status, Timeout);
        Assert.Equal("online", JsonDocument.Parse(online.Payload).RootElement.GetProperty("state").GetString());
    }

    [Fact]
    public async Task Run_without_simulate_refuses_an_empty_host_naming_the_key()
    {
        using var site = new TestSite();
        using var gateway = ChildProcess.StartGateway("run", "--config", site.ConfigDirectory, "--Mqtt:Host=");
        Assert.NotEqual(0, await gateway.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("Mqtt:Host:", gateway.Output);
    }

    static async Task Run(string file, params string[] args)
    {
        using var process = ChildProcess.StartExecutable(file, args);
        var code = await process.WaitForExitAsync(Timeout);
        if (code != 0) throw new InvalidOperationException($"{file} failed ({code}):\n{process.Output}");
    }
}

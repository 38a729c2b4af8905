using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Frikommune.Edge.Mqtt;

/// <summary>Turns an <see cref="MqttEndpoint"/> into MQTTnet client options: TLS with the site's CA, credentials and the last will.</summary>
static class MqttClientOptionsFactory
{
    // Above this the broker drops a message instead of sending it (MQTT 5); the guard counts 64 KiB..4 MiB.
    const uint MaximumPacketSize = 4 * 1024 * 1024;

    public static MqttClientOptions Create(MqttEndpoint endpoint, MqttProtocolVersion version, byte[] will)
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(endpoint.Host, endpoint.Port)
            .WithClientId(endpoint.ClientId)
            .WithProtocolVersion(version)
            .WithCleanStart(true)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(15))
            .WithTimeout(TimeSpan.FromSeconds(10))
            .WithWillTopic(endpoint.Topic(GatewayStatus.Suffix))
            .WithWillPayload(will)
            .WithWillRetain(true)
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        if (version == MqttProtocolVersion.V500) builder.WithMaximumPacketSize(MaximumPacketSize);
        if (endpoint.Username is not null) builder.WithCredentials(endpoint.Username, endpoint.Password ?? "");
        if (endpoint.UseTls) builder.WithTlsOptions(tls => Tls(tls, endpoint));
        return builder.Build();
    }

    static void Tls(MqttClientTlsOptionsBuilder tls, MqttEndpoint endpoint)
    {
        tls.UseTls(true).WithTargetHost(endpoint.Host);
        if (endpoint.CaFile is null) return;
        var authority = new X509Certificate2Collection();
        authority.ImportFromPemFile(endpoint.CaFile);
        tls.WithCertificateValidationHandler(e => TrustedBy(authority, e.Certificate, e.SslPolicyErrors));
    }

    /// <summary>The broker's certificate must chain to the configured CA (only that CA) and name the host.</summary>
    internal static bool TrustedBy(X509Certificate2Collection authority, X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
            return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return chain.Build(leaf);
    }
}

using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Frikommune.Edge.Tests.Support;

/// <summary>A self-signed device certificate for 127.0.0.1 and localhost, written as PEM like install.sh writes it.</summary>
public static class TestCertificate
{
    public static X509Certificate2 WritePem(string certFile, string keyFile)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=frikommune-edge test", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var now = DateTimeOffset.UtcNow;
        var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(30));
        Directory.CreateDirectory(Path.GetDirectoryName(certFile)!);
        File.WriteAllText(certFile, certificate.ExportCertificatePem());
        File.WriteAllText(keyFile, key.ExportPkcs8PrivateKeyPem());
        return certificate;
    }

    /// <summary>A client that trusts exactly this certificate (pinned), as a staff device told its fingerprint would.</summary>
    public static HttpClientHandler PinnedHandler(X509Certificate2 pinned, CookieContainer? cookies = null) => new()
    {
        ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented is not null && presented.Thumbprint == pinned.Thumbprint,
        AllowAutoRedirect = false,
        CookieContainer = cookies ?? new CookieContainer(),
        UseCookies = true,
    };
}

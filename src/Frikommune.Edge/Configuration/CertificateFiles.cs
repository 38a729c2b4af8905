using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Frikommune.Edge.Configuration;

/// <summary><c>Http:Certificate</c>: the PEM certificate with its key, or the problem naming the key.</summary>
public static class CertificateFiles
{
    public static (X509Certificate2? Certificate, string? Problem) TryLoad(GatewayRun run, CertificateOptions c)
    {
        var certFile = run.ResolveFile(c.Path);
        var keyFile = run.ResolveFile(c.KeyPath);
        if (!File.Exists(certFile)) return (null, $"Http:Certificate:Path: {certFile} does not exist");
        if (!File.Exists(keyFile)) return (null, $"Http:Certificate:KeyPath: {keyFile} does not exist");
        try
        {
            var certificate = X509Certificate2.CreateFromPemFile(certFile, keyFile);
            if (!certificate.HasPrivateKey) throw new CryptographicException("the key does not belong to the certificate");
            return (certificate, null);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            return (null, $"Http:Certificate: {certFile} and {keyFile} are not a PEM certificate and its key: {e.Message}");
        }
    }
}

using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Frikommune.Edge.Hosting;

namespace Frikommune.Edge.Web;

/// <summary>
/// HTTPS from <c>Http:Certificate</c> (PEM certificate and key, CONTRACT § 5). The slim host leaves Kestrel's
/// HTTPS configuration out, so an https URL used to be refused at start; it is added here when a certificate is
/// configured. With HTTPS: TLS 1.2/1.3 only, plain HTTP is redirected (308) except the health probes, HSTS is
/// sent, and the login cookie is <c>Secure</c>. Without a certificate (<c>--simulate</c>, loopback) all stays plain HTTP.
/// </summary>
public static class HttpsSetup
{
    public static bool Enabled(GatewaySettings settings) => settings.Options.Http.Certificate is not null;

    public static void AddGatewayHttps(this WebApplicationBuilder builder, GatewaySettings settings)
    {
        if (!Enabled(settings)) return;
        var certificate = Load(settings);
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(k => k.ConfigureHttpsDefaults(h =>
        {
            h.ServerCertificate = certificate;
            h.SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13;
        }));
        builder.Services.AddHttpsRedirection(o =>
        {
            o.RedirectStatusCode = StatusCodes.Status308PermanentRedirect;
            o.HttpsPort = HttpsPort(settings.Options.Http.Urls);
        });
        builder.Services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.ExcludedHosts.Clear(); // a device is reached by its address or local name; both deserve HSTS
        });
    }

    public static void UseGatewayHttps(this WebApplication app, GatewaySettings settings)
    {
        if (!Enabled(settings)) return;
        app.UseHsts();
        app.UseWhen(c => !(c.Request.Path.Equals("/healthz") || c.Request.Path.Equals("/readyz")), b => b.UseHttpsRedirection());
    }

    /// <summary>The certificate with its key; a missing or mismatched file is a configuration problem naming the key.</summary>
    public static X509Certificate2 Load(GatewaySettings settings)
    {
        var c = settings.Options.Http.Certificate!;
        var certFile = settings.Paths.ResolveFile(c.Path);
        var keyFile = settings.Paths.ResolveFile(c.KeyPath);
        if (!File.Exists(certFile)) throw new ConfigurationProblemException([$"Http:Certificate:Path: {certFile} does not exist"]);
        if (!File.Exists(keyFile)) throw new ConfigurationProblemException([$"Http:Certificate:KeyPath: {keyFile} does not exist"]);
        try
        {
            var certificate = X509Certificate2.CreateFromPemFile(certFile, keyFile);
            if (!certificate.HasPrivateKey) throw new CryptographicException("the key does not belong to the certificate");
            return certificate;
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            throw new ConfigurationProblemException([$"Http:Certificate: {certFile} and {keyFile} are not a PEM certificate and its key: {e.Message}"]);
        }
    }

    static int? HttpsPort(string urls) =>
        urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(u => u.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            .Select(u => Uri.TryCreate(u.Replace("*", "0.0.0.0").Replace("+", "0.0.0.0"), UriKind.Absolute, out var uri) ? uri.Port : (int?)null)
            .FirstOrDefault();
}

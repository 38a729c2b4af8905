using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Frikommune.Edge.Configuration;
using Frikommune.Edge.Hosting;
using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Frikommune.Edge.Web;

/// <summary>
/// HTTPS from <c>Http:Certificate</c> (PEM certificate and key, CONTRACT § 5). The slim host leaves Kestrel's
/// HTTPS configuration out, so an https URL used to be refused at start; it is added here when a certificate is
/// configured. With HTTPS: TLS 1.2/1.3 only, plain HTTP is redirected (308) except the health probes, HSTS is
/// sent, and the login cookie is <c>Secure</c>. Without a certificate (<c>--simulate</c>, loopback) all stays plain HTTP.
/// </summary>
public static class HttpsSetup
{
    public static bool Enabled(HttpOptions http) => http.Certificate is not null;

    /// <summary>Registered always, configured from <c>Http:*</c> when the host is built: nothing here reads the configuration early.</summary>
    public static void AddGatewayHttps(this WebApplicationBuilder builder)
    {
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.Services.AddOptions<KestrelServerOptions>().Configure<HttpOptions, GatewayRun>((k, http, run) =>
        {
            if (!Enabled(http)) return;
            var certificate = Load(run, http.Certificate!);
            k.ConfigureHttpsDefaults(h =>
            {
                h.ServerCertificate = certificate;
                h.SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13;
            });
        });
        builder.Services.AddHttpsRedirection(_ => { });
        builder.Services.AddOptions<HttpsRedirectionOptions>().Configure<HttpOptions>((o, http) =>
        {
            o.RedirectStatusCode = StatusCodes.Status308PermanentRedirect;
            o.HttpsPort = HttpsPort(http.Urls);
        });
        builder.Services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.ExcludedHosts.Clear(); // a device is reached by its address or local name; both deserve HSTS
        });
    }

    public static void UseGatewayHttps(this WebApplication app)
    {
        if (!Enabled(app.Services.GetRequiredService<HttpOptions>())) return;
        app.UseHsts();
        app.UseWhen(c => !(c.Request.Path.Equals("/healthz") || c.Request.Path.Equals("/readyz")), b => b.UseHttpsRedirection());
    }

    /// <summary>The certificate with its key; a missing or mismatched file is a configuration problem naming the key.</summary>
    public static X509Certificate2 Load(GatewayRun run, CertificateOptions certificate)
    {
        var (loaded, problem) = CertificateFiles.TryLoad(run, certificate);
        return loaded ?? throw new ConfigurationProblemException([problem!]);
    }

    static int? HttpsPort(string urls) =>
        urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(u => u.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            .Select(u => Uri.TryCreate(u.Replace("*", "0.0.0.0").Replace("+", "0.0.0.0"), UriKind.Absolute, out var uri) ? uri.Port : (int?)null)
            .FirstOrDefault();
}

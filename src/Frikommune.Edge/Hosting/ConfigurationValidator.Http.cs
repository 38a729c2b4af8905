using Frikommune.Edge.Configuration;

namespace Frikommune.Edge.Hosting;

public static partial class ConfigurationValidator
{
    /// <summary>HTTPS needs a certificate and a certificate needs an https URL; limits must be usable; the metrics token long enough.</summary>
    static IEnumerable<string> HttpsAndLimitProblems(HttpOptions http)
    {
        var urls = (http.Urls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var https = urls.Any(u => u.StartsWith("https://", StringComparison.OrdinalIgnoreCase));
        if (https && http.Certificate is null) yield return "Http:Certificate: is required for an https URL in Http:Urls (PEM Path and KeyPath)";
        if (http.Certificate is { } c)
        {
            if (string.IsNullOrWhiteSpace(c.Path)) yield return "Http:Certificate:Path: is required (a PEM certificate)";
            if (string.IsNullOrWhiteSpace(c.KeyPath)) yield return "Http:Certificate:KeyPath: is required (the PEM private key)";
            if (!https) yield return "Http:Certificate: is set but Http:Urls has no https URL";
        }
        if (http.PublicUrl is { Length: > 0 } p && (!Uri.TryCreate(p, UriKind.Absolute, out var u) || u.Scheme is not ("http" or "https") || u.PathAndQuery != "/"))
            yield return $"Http:PublicUrl: '{p}' is not an http(s) URL without a path";
        if (http.MetricsToken is { } t && t.Length < 32) yield return "Http:MetricsToken: must be at least 32 characters";
        if (http.ApiRequestsPerSecond is < 1 or > 10_000) yield return "Http:ApiRequestsPerSecond: must be 1-10000";
        if (http.ApiBurst < http.ApiRequestsPerSecond / 10 || http.ApiBurst > 100_000) yield return "Http:ApiBurst: must be at least a tenth of ApiRequestsPerSecond and at most 100000";
        if (http.LoginAttemptsPerMinute is < 1 or > 1000) yield return "Http:LoginAttemptsPerMinute: must be 1-1000";
        if (http.SessionIdleMinutes is < 1 or > 1440) yield return "Http:SessionIdleMinutes: must be 1-1440";
        if (http.SessionMaxHours is < 1 or > 168) yield return "Http:SessionMaxHours: must be 1-168";
    }
}

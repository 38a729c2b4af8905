using System.Net;
using Frikommune.Edge.Configuration;

namespace Frikommune.Edge.Web;

/// <summary>
/// The address the gateway gives out in links (a grant's <c>streamUrl</c>): <c>Http:PublicUrl</c>, else the first
/// https (then http) URL of <c>Http:Urls</c>, with a wildcard host replaced by this machine's name. Never the
/// request's Host header, which any client can set to send a colleague's viewer to another server.
/// </summary>
public sealed class PublicAddress(HttpOptions http)
{
    public Uri Base { get; } = Resolve(http);

    public string Link(string pathAndQuery) => Base.GetLeftPart(UriPartial.Authority) + pathAndQuery;

    static Uri Resolve(HttpOptions http)
    {
        if (http.PublicUrl is { Length: > 0 } configured && Uri.TryCreate(configured, UriKind.Absolute, out var uri)) return uri;
        var urls = (http.Urls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var first = urls.FirstOrDefault(u => u.StartsWith("https://", StringComparison.OrdinalIgnoreCase)) ?? urls.FirstOrDefault() ?? "http://127.0.0.1:8080";
        var parsed = new Uri(first.Replace("://*", "://0.0.0.0").Replace("://+", "://0.0.0.0"));
        return parsed.Host is "0.0.0.0" or "[::]" or "::" ? new UriBuilder(parsed) { Host = Dns.GetHostName() }.Uri : parsed;
    }
}

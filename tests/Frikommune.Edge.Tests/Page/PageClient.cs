using System.Net;
using System.Text.Json;
using Frikommune.Edge.Tests.Support;

namespace Frikommune.Edge.Tests.Page;

/// <summary>A browser-like HTTP client: keeps the login cookie, does not follow redirects, knows its CSRF token.</summary>
sealed class PageClient : IDisposable
{
    readonly HttpClient _http;

    PageClient(InProcessGateway gateway)
    {
        Cookies = new CookieContainer();
        _http = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false })
        {
            BaseAddress = gateway.Site.BaseAddress, Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public CookieContainer Cookies { get; }
    public HttpClient Http => _http;
    public string Csrf { get; private set; } = "";

    public static PageClient For(InProcessGateway gateway) => new(gateway);

    public static async Task<PageClient> LoggedInAsync(InProcessGateway gateway, string name, string password)
    {
        var client = new PageClient(gateway);
        var login = await client.LogInAsync(name, password);
        Assert.Equal("/", login.Headers.Location?.OriginalString);
        var session = JsonDocument.Parse(await client._http.GetStringAsync("/api/session")).RootElement;
        client.Csrf = session.GetProperty("csrf").GetString()!;
        return client;
    }

    public Task<HttpResponseMessage> LogInAsync(string name, string password) =>
        _http.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = name, ["password"] = password }));

    public Task<HttpResponseMessage> PostAsync(string path, string? csrf)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent("") };
        if (csrf is not null) request.Headers.Add("X-CSRF-Token", csrf);
        return _http.SendAsync(request);
    }

    public void Dispose() => _http.Dispose();
}

using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting.StaticWebAssets;
using Microsoft.Extensions.FileProviders;

namespace Frikommune.Edge.Web.Page;

/// <summary>
/// The page's files from <c>wwwroot/</c>, read once at start and served from memory. A published gateway has
/// them next to the executable; a build (tests, <c>dotnet run</c>) finds them through the static web assets
/// manifest the SDK writes. A missing file stops the start rather than serving a broken page.
/// </summary>
public sealed class PageAssets
{
    public const string Prefix = "/assets";
    static readonly string[] Files =
    [
        "index.html", "login.html", "app.css", "app.js", "login.js", "report.js",
        "alerting.js", "session.js", "sw.js", "manifest.webmanifest", "icon.svg", "icon-192.png", "icon-512.png",
    ];
    const string ServiceWorker = "sw.js";
    readonly Dictionary<string, (byte[] Bytes, string Type, string ETag)> _files = new(StringComparer.Ordinal);

    PageAssets(IFileProvider provider)
    {
        foreach (var name in Files)
        {
            var file = provider.GetFileInfo(name);
            if (!file.Exists) throw new FileNotFoundException($"the web page's file wwwroot/{name} is missing from the installation", name);
            using var stream = file.CreateReadStream();
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            var bytes = memory.ToArray();
            _files[name] = (bytes, TypeOf(name), "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes))[..16] + "\"");
        }
    }

    public static PageAssets Load(WebApplication app)
    {
        var published = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        if (Directory.Exists(published)) return new PageAssets(new PhysicalFileProvider(published));
        StaticWebAssetsLoader.UseStaticWebAssets(app.Environment, app.Configuration);
        return new PageAssets(app.Environment.WebRootFileProvider);
    }

    public IResult Serve(HttpContext context, string name)
    {
        if (!_files.TryGetValue(name, out var file)) return Results.NotFound();
        if (context.Request.Headers.IfNoneMatch == file.ETag) return Results.StatusCode(StatusCodes.Status304NotModified);
        context.Response.Headers.ETag = file.ETag;
        context.Response.Headers.CacheControl = "no-cache"; // revalidated each time, so an update shows at once
        // The worker lives with the other assets but looks after the whole page, which sits at "/".
        if (name == ServiceWorker) context.Response.Headers["Service-Worker-Allowed"] = "/";
        return Results.Bytes(file.Bytes, file.Type);
    }

    static string TypeOf(string name) => Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".webmanifest" => "application/manifest+json; charset=utf-8",
        ".svg" => "image/svg+xml",
        ".png" => "image/png",
        _ => "application/octet-stream",
    };
}

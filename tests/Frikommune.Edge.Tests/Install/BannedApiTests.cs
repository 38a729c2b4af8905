using System.Xml.Linq;

namespace Frikommune.Edge.Tests.Install;

/// <summary>The README's promise that sync-over-async and the wall clock do not build in src/.</summary>
public sealed class BannedApiTests
{
    static string Source(params string[] parts) =>
        Path.Combine([.. new[] { AppContext.BaseDirectory, "..", "..", "..", "..", "..", "src", "Frikommune.Edge" }, .. parts]);

    [Fact]
    public void The_banned_apis_are_build_errors_in_the_gateway()
    {
        var project = XDocument.Load(Source("Frikommune.Edge.csproj"));
        Assert.Contains(project.Descendants("PackageReference"), p => (string?)p.Attribute("Include") == "Microsoft.CodeAnalysis.BannedApiAnalyzers");
        Assert.Contains("RS0030", project.Descendants("WarningsAsErrors").Single().Value);
        var banned = File.ReadAllLines(Source("BannedSymbols.txt")).Select(l => l.Split(';')[0]).ToHashSet();
        foreach (var symbol in new[]
        {
            "P:System.Threading.Tasks.Task`1.Result", "M:System.Threading.Tasks.Task.Wait",
            "M:System.Runtime.CompilerServices.TaskAwaiter.GetResult", "M:System.Runtime.CompilerServices.TaskAwaiter`1.GetResult",
            "P:System.DateTime.UtcNow", "P:System.DateTime.Now", "P:System.DateTimeOffset.UtcNow", "P:System.DateTimeOffset.Now",
        })
            Assert.Contains(symbol, banned);
    }

    [Fact]
    public void Every_exception_says_why()
    {
        foreach (var file in Directory.EnumerateFiles(Source(), "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains("/obj/")))
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
                if (lines[i].Contains("#pragma warning disable RS0030"))
                    Assert.True(lines[i].Contains("//") || (i > 0 && lines[i - 1].TrimStart().StartsWith("//")), $"{file}:{i + 1} disables RS0030 without saying why");
        }
    }
}

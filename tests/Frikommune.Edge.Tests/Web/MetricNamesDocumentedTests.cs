using System.Reflection;
using System.Text.RegularExpressions;
using Frikommune.Edge.Metrics;
using Frikommune.Edge.Tests.Support;

namespace Frikommune.Edge.Tests.Web;

/// <summary>README "Metrics" lists every instrument name the code declares (the <c>…Metric</c> constants), and no other.</summary>
public sealed class MetricNamesDocumentedTests
{
    [Fact]
    public void The_readme_table_and_the_code_name_the_same_metrics()
    {
        var declared = typeof(GatewayMetrics).Assembly.GetTypes()
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(f => f.IsLiteral && f.Name.EndsWith("Metric", StringComparison.Ordinal))
            .Select(f => (string)f.GetRawConstantValue()!).Order().ToList();
        var readme = File.ReadAllText(Path.Combine(TestSite.RepositoryRoot, "README.md"));
        var documented = Regex.Matches(readme, @"^\| `(frikommune_[a-z_]+)` \|", RegexOptions.Multiline).Select(m => m.Groups[1].Value).Order().ToList();
        Assert.NotEmpty(declared);
        Assert.Equal(declared, documented);
    }
}

using Frikommune.Edge.Configuration;

namespace Frikommune.Edge.Tests.Architecture;

/// <summary>
/// A component takes the sections it reads (<c>DoorList</c>, <c>CheckInsOptions</c>, …), so its constructor says what it
/// depends on. The combined <see cref="GatewayOptions"/> is for the readers of the whole configuration only.
/// </summary>
public class ConfigurationReadersTests
{
    static readonly string[] WholeConfigurationReaders =
    [
        "Frikommune.Edge.Configuration.GatewayOptions",
        "Frikommune.Edge.Hosting.GatewayOptionsSetup", // composes it from the sections
        "Frikommune.Edge.Hosting.ConfigurationValidator", // config validate checks every section
        "Frikommune.Edge.Web.ConfigEndpoints", // /api/config shows every section
        "Frikommune.Edge.Web.WebJsonContext", // its JSON contract, for /api/config
    ];

    [Fact]
    public void Only_the_readers_of_the_whole_configuration_take_GatewayOptions()
    {
        var users = typeof(GatewayOptions).Assembly.GetTypes()
            .Where(t => t.DeclaringType is null && TypeDependencies.Of(t).Contains(typeof(GatewayOptions)))
            .Select(t => t.FullName!)
            .ToList();
        Assert.Contains("Frikommune.Edge.Web.ConfigEndpoints", users); // the reader sees a use inside a lambda
        var others = users.Except(WholeConfigurationReaders).Order().ToList();
        Assert.True(others.Count == 0, "take the section(s) they read instead: " + string.Join(", ", others));
    }
}

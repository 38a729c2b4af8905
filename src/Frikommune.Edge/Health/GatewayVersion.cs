using System.Reflection;
using Frikommune.Edge.Hosting;

namespace Frikommune.Edge.Health;

public static class GatewayVersion
{
    public static string Current { get; } =
        typeof(GatewayVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
}

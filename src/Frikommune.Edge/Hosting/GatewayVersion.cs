using System.Reflection;

namespace Frikommune.Edge.Hosting;

public static class GatewayVersion
{
    public static string Current { get; } =
        typeof(GatewayVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
}

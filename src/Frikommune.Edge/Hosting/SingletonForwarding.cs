using Microsoft.Extensions.Hosting;

// In the container's own namespace, so every Add…() can use it without depending on Hosting.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>One singleton seen under a second type (an interface, or as a hosted service): never a second instance.</summary>
public static class SingletonForwarding
{
    public static IServiceCollection AddAlias<TService, TImplementation>(this IServiceCollection services)
        where TService : class where TImplementation : class, TService =>
        services.AddSingleton<TService>(static sp => sp.GetRequiredService<TImplementation>());

    /// <summary>The registered singleton <typeparamref name="T"/> is also started and stopped with the host.</summary>
    public static IServiceCollection RunAsHostedService<T>(this IServiceCollection services) where T : class, IHostedService =>
        services.AddHostedService(static sp => sp.GetRequiredService<T>());
}

using Frikommune.Edge.Configuration;
using Microsoft.Extensions.Options;

namespace Frikommune.Edge.Hosting;

/// <summary>
/// The configuration's problems as <c>run</c> refuses them and <c>config validate</c> prints them: one line each, naming
/// the key. It runs the very validation the host runs at start (<see cref="IStartupValidator"/>).
/// </summary>
public static class ConfigurationCheck
{
    public static IReadOnlyList<string> Problems(IServiceProvider services)
    {
        // A pin that is not a number would be skipped silently by the binder; such lines come alone, as the rest follows from them.
        var raw = GatewaySettings.PinValueProblems(services.GetRequiredService<IConfiguration>()).ToList();
        if (raw.Count > 0) return raw;
        try
        {
            services.GetRequiredService<IStartupValidator>().Validate();
            return [];
        }
        catch (OptionsValidationException e) { return e.Failures.ToList(); }
        catch (AggregateException e) { return e.InnerExceptions.OfType<OptionsValidationException>().SelectMany(x => x.Failures).ToList(); }
        catch (InvalidOperationException e) { return [GatewaySettings.BindingProblem(e)]; }
    }

    /// <summary>
    /// What <c>config validate</c> also wants on this machine though the gateway runs without it: the trusted keys'
    /// folder (without it no decision is valid, so nothing is in force — the safe side — but surely not what was meant).
    /// </summary>
    public static IEnumerable<string> MissingFolders(IServiceProvider services)
    {
        if (SectionChecks.ValidOrNull(services.GetRequiredService<IOptions<DecisionsOptions>>()) is not { } decisions) yield break;
        var folder = services.GetRequiredService<GatewayRun>().ResolveFile(decisions.TrustedKeysPath);
        if (!Directory.Exists(folder)) yield return $"Decisions:TrustedKeysPath: folder {folder} does not exist";
    }

    /// <summary>Keys no options type binds (a typo such as <c>Alarms:AckTimeoutSecond</c> would otherwise be lost silently).</summary>
    public static IReadOnlyList<string> UnknownKeys(IServiceProvider services) =>
        UnknownKeys(services.GetRequiredService<IConfiguration>(), services.GetServices<BoundSection>());

    public static IReadOnlyList<string> UnknownKeys(IConfiguration configuration, IEnumerable<BoundSection> sections) =>
        ConfigurationKeys.Unknown(configuration, sections.ToDictionary(s => s.Name, s => s.Type, StringComparer.OrdinalIgnoreCase));
}

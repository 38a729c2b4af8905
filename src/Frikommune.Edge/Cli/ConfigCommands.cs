using Frikommune.Edge.Configuration;
using Frikommune.Edge.Hosting;

namespace Frikommune.Edge.Cli;

static class ConfigCommands
{
    public static int Validate(GatewaySettings settings, TextWriter stdout)
    {
        var problems = ConfigurationValidator.Validate(settings.Options).ToList();
        problems.AddRange(FileChecks(settings));
        if (problems.Count == 0) { stdout.WriteLine("ok"); return CommandLine.Ok; }
        foreach (var p in problems) stdout.WriteLine(p);
        return CommandLine.Failed;
    }

    // Files the configuration points at must exist on this machine, not only be well-formed names.
    static IEnumerable<string> FileChecks(GatewaySettings settings)
    {
        var o = settings.Options;
        if (!Directory.Exists(settings.Paths.TrustedKeysDirectory))
            yield return $"Decisions:TrustedKeysPath: folder {settings.Paths.TrustedKeysDirectory} does not exist";
        if (o.Mqtt.UseTls && o.Mqtt.CaFile is { Length: > 0 } ca && !File.Exists(settings.Paths.ResolveFile(ca)))
            yield return $"Mqtt:CaFile: {settings.Paths.ResolveFile(ca)} does not exist";
        if (o.Http.Certificate is { Path.Length: > 0, KeyPath.Length: > 0 })
        {
            string? problem = null;
            try { Web.HttpsSetup.Load(settings).Dispose(); }
            catch (ConfigurationProblemException e) { problem = e.Problems[0]; }
            if (problem is not null) yield return problem;
        }
    }
}

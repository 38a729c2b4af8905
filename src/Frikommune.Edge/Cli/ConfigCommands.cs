using Frikommune.Edge.Hosting;

namespace Frikommune.Edge.Cli;

static class ConfigCommands
{
    /// <summary>The checks the gateway runs at start, plus the keys it does not know (at start only a warning).</summary>
    public static int Validate(CommandContext c)
    {
        var problems = ConfigurationCheck.Problems(c.Unchecked).ToList();
        problems.AddRange(ConfigurationCheck.UnknownKeys(c.Unchecked));
        if (problems.Count == 0) { c.Out.WriteLine("ok"); return CommandLine.Ok; }
        foreach (var p in problems) c.Out.WriteLine(p);
        return CommandLine.Failed;
    }
}
